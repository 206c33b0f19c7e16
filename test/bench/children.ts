// Child processes for the benchmarks. The sandbox (and, for the overhead run, the desk) each
// get their own process so one's CPU, memory and event loop never count against the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child<T> {
  process: ChildProcess;
  /** The first JSON line the child printed (its "ready" message). */
  ready: T;
  /** Every later JSON line, in order. */
  next(): Promise<unknown>;
  /** Resolves when the child has exited by itself. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/** Starts `test/bench/<file>` under tsx with `arg` as JSON and waits for its first JSON line. */
export async function startChild<T>(
  file: string,
  arg: unknown,
  nodeFlags: string[] = [],
): Promise<Child<T>> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', here(file), JSON.stringify(arg)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    },
  );
  const lines: unknown[] = [];
  const waiting: ((line: unknown) => void)[] = [];
  let stderr = '';
  let buffer = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4_000)));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!text.startsWith('{')) continue;
      const value = JSON.parse(text) as unknown;
      const resolve = waiting.shift();
      if (resolve) resolve(value);
      else lines.push(value);
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const next = (): Promise<unknown> =>
    lines.length > 0
      ? Promise.resolve(lines.shift())
      : Promise.race([
          new Promise<unknown>((resolve) => waiting.push(resolve)),
          exited.then((code) =>
            Promise.reject(new Error(`${file} exited with ${code}: ${stderr}`)),
          ),
        ]);
  const ready = (await next()) as T;
  return {
    process: child,
    ready,
    next,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
