// close() must leave nothing behind: a process that starts the sandbox, runs tasks (one still
// running, one held at a guardrail, one hanging request), keeps a socket attached and then
// closes it has to exit by itself, without process.exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sandboxEntry = fileURLToPath(new URL('../../src-main/sandbox/index.ts', import.meta.url));
const clientEntry = import.meta.resolve('socket.io-client');

const script = `
import { startSandbox } from ${JSON.stringify(sandboxEntry)};
import { io } from ${JSON.stringify(clientEntry)};
// Real time scale: every timer left running would hold the process for minutes.
const sb = await startSandbox({ timeScale: 1, faults: true });
const headers = { 'Content-Type': 'application/json', Authorization: 'Bearer wr_close_test' };
const post = (path, body) => fetch(sb.url + path, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.json());
const session = await post('/start/start-session', { task: { prompt: 'very long [duration:250s]' } });
const socket = io(sb.url, { auth: { sessionId: session.sessionId }, transports: ['websocket'] });
await new Promise((resolve) => socket.once('connect', resolve));
await post('/start/start-session', { taskDetails: 'ask [guardrail] [duration:100ms]' });
sb.faults.inject('POST /start/run-task', { type: 'hang' });
const hanging = fetch(sb.url + '/start/run-task', { method: 'POST', headers, body: JSON.stringify({ taskDetails: 'x' }) }).catch(() => 'aborted');
await new Promise((r) => setTimeout(r, 150));
await sb.close();
await hanging;
socket.close();
console.log('closed');
`;

describe('sandbox close()', () => {
  it('lets the process exit on its own', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // A safety net, not a measure: starting tsx and the sandbox took over 8 s on a 2-core
    // machine at load 11 (the net was 8 s and failed there). What holds a process after close()
    // is the 250 s task or the hanging request, far beyond this net.
    const code = await new Promise<number | null | 'timeout'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('timeout');
      }, 60_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(err).toBe('');
    expect(out.trim()).toBe('closed');
    expect(code).toBe(0);
  });
});
