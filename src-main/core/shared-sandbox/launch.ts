// Starts the detached process that hosts a history's shared sandbox (host-entry.ts) and waits
// for it to publish its file. The process outlives its starter: it has its own process group,
// no inherited stdio and no hold on the starter's event loop.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostConfig } from './host';
import { readSandboxFile, sandboxFilePath, TOKEN_ENV, type SandboxFile } from './sandbox-file';

/** The built entry sits next to the bundle (out/cli, out/main); in the source tree, the .ts file under tsx. */
function hostEntry(): { file: string; execArgv: string[] } {
  for (const name of ['./sandbox-host.mjs', './sandbox-host.js', '../sandbox-host.js']) {
    const file = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(file)) return { file, execArgv: [] };
  }
  const source = fileURLToPath(new URL('./host-entry.ts', import.meta.url));
  if (existsSync(source)) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    return { file: source, execArgv: ['--import', pathToFileURL(tsx).href] };
  }
  throw new Error('sandbox-host.mjs is missing next to the app: rebuild it (npm run build)');
}

/** Spawns the host and resolves with the file it (or a sandbox that beat it) published. */
export async function launchHost(
  config: HostConfig,
  token: string,
  timeoutMs = 60_000,
): Promise<SandboxFile> {
  const entry = hostEntry();
  const env: NodeJS.ProcessEnv = { ...process.env, [TOKEN_ENV]: token };
  delete env.WEBRUN_API_KEY; // the host needs no real key: keep it out of its environment
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  const child = spawn(process.execPath, [...entry.execArgv, entry.file, JSON.stringify(config)], {
    detached: true,
    stdio: 'ignore',
    env,
    cwd: dirname(config.historyPath),
    windowsHide: true,
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = signal ?? `exit code ${code}`));
  child.once('error', (error) => (exited = error.message));
  child.unref();
  const path = sandboxFilePath(config.historyPath);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = readSandboxFile(path);
    // Its own file, or, when it lost the race to publish, the winner's (it then stopped).
    if (file && (file.pid === child.pid || exited !== null)) return file;
    if (exited !== null)
      throw new Error(`The built-in sandbox could not start (${String(exited)}).`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`The built-in sandbox did not start within ${timeoutMs / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
