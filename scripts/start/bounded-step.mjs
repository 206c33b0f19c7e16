// Runs one slow, network-bound setup step (Electron's own installer, the better-sqlite3 build
// for Electron) as a child process with a bounded time: it is stopped when nothing it writes
// grows for `stallMs` (a dead or black-holed network) or when it passes `limitMs` overall.
// Progress is the number of bytes written so far under `watch`, shown on one updating line;
// on failure the caller gets one line that names the reason, never a stack trace.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Total size of the files under `dir` (missing folders count as 0). */
export function bytesUnder(dir) {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else if (entry.isFile()) {
      try {
        total += statSync(path).size;
      } catch {
        // removed while we looked: the step moves its temp files around
      }
    }
  }
  return total;
}

/** The line of a failed step's output that says why: its first error line, else its last line. */
export function reasonFrom(output, pattern = /^(\w*Error|error)\b|ERR!/) {
  const lines = output
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter(Boolean)
    .filter((l) => !/^at\s/.test(l));
  const error = lines.find((l) => pattern.test(l));
  const line = error ?? lines.at(-1) ?? 'it exited without saying why';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const mb = (bytes) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * @param {{ label: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv,
 *   watch: string[], stallMs: number, limitMs: number, reasonLine?: RegExp, out?: NodeJS.WriteStream }} step
 * @returns {Promise<{ ok: true } | { ok: false, reason: string }>}
 */
export function runBounded(step) {
  const out = step.out ?? process.stderr;
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: step.cwd,
      env: step.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped = null;
    const started = Date.now();
    let lastGrowth = started;
    let lastBytes = -1;
    let lastLine = 0;
    const tick = setInterval(() => {
      const bytes = step.watch.reduce((sum, dir) => sum + bytesUnder(dir), 0);
      const now = Date.now();
      if (bytes !== lastBytes) {
        lastBytes = bytes;
        lastGrowth = now;
      }
      // One line that updates in place on a terminal; a line every 5 s in a log.
      if (out.isTTY)
        out.write(`\r${step.label}: ${mb(bytes)}, ${Math.round((now - started) / 1000)} s `);
      else if (now - lastLine >= 5_000) {
        lastLine = now;
        out.write(`${step.label}: ${mb(bytes)}, ${Math.round((now - started) / 1000)} s\n`);
      }
      if (now - lastGrowth >= step.stallMs)
        stopped = `no progress for ${Math.round(step.stallMs / 1000)} s`;
      else if (now - started >= step.limitMs)
        stopped = `not done after ${step.limitMs >= 60_000 ? `${Math.round(step.limitMs / 60_000)} min` : `${Math.round(step.limitMs / 1000)} s`}`;
      if (stopped) child.kill('SIGTERM');
    }, 250);
    const onSignal = (signal) => child.kill(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const finish = (result) => {
      clearInterval(tick);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (out.isTTY) out.write('\n');
      resolve(result);
    };
    child.on('error', (error) => finish({ ok: false, reason: error.message }));
    child.on('exit', (code, signal) => {
      if (code === 0 && !stopped) finish({ ok: true });
      else
        finish({
          ok: false,
          reason:
            stopped ?? (signal ? `stopped by ${signal}` : reasonFrom(output, step.reasonLine)),
        });
    });
  });
}
