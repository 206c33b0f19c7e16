// Wall-clock time of whole child processes, spawn to exit, with plain Node: how long a user
// waits for a command, including Node's own start.
import { spawn } from 'node:child_process';

export function timeProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore', env });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(performance.now() - t0)
        : reject(new Error(`node ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** `runs` timings of each command, interleaved, so a change in the machine's load hits both alike. */
export async function timeInterleaved(
  commands: Record<string, string[]>,
  runs: number,
): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(
    Object.keys(commands).map((k) => [k, []]),
  );
  for (let i = 0; i < runs; i++)
    for (const [name, args] of Object.entries(commands)) out[name]!.push(await timeProcess(args));
  return out;
}
