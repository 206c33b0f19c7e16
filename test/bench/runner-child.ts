// The desk alone in a process started with --expose-gc, so its CPU time and memory are its own
// (the sandbox runs in another child). Runs N tasks through the runner and prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../src-main/contract/dispatch';
import { createDesk } from '../../src-main/core/desk';

const { sandboxUrl, tasks, concurrency } = JSON.parse(process.argv[2] ?? '{}') as {
  sandboxUrl: string;
  tasks: number;
  concurrency: number;
};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const TERMINAL = new Set(['completed', 'failed', 'stopped', 'cancelled', 'unknown']);

const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-runner-'));
const desk = await createDesk({
  dbPath: join(dir, 'runner.db'),
  apiKey: 'wr_bench_overhead',
  baseUrl: sandboxUrl,
  host: 'browser',
  rateLimit: null,
  recover: false,
  runner: { concurrency: () => concurrency },
});
const settled = new Map<string, string>();
desk.subscribe((e) => {
  if (e.name === 'task.updated' && TERMINAL.has(e.payload.status))
    settled.set(e.payload.id, e.payload.status);
});

async function batch(count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Half end inside run-task's inline window, half go pending and finish via socket + poll.
    const prompt = `${label} ${i} look up the opening hours of museum ${i % 97}${i % 2 ? ' [duration:300s]' : ''}`;
    const envelope = await dispatch(desk.handlers, 'tasks.create', { prompt });
    if (!envelope.ok) throw new Error(envelope.error.message);
    ids.push((envelope.value as { id: string }).id);
  }
  const deadline = Date.now() + 180_000;
  while (!ids.every((id) => settled.has(id)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  return ids;
}

function memory(): { rss: number; heapUsed: number } {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

// Warm-up: JIT, prepared statements, socket.io-client modules; not counted.
await batch(Math.min(50, tasks), 'Warm-up task');
await new Promise((r) => setTimeout(r, 500));
const before = memory();
const cpu0 = process.cpuUsage();
const t0 = Date.now();
const ids = await batch(tasks, 'Overhead task');
const wallMs = Date.now() - t0;
const cpu = process.cpuUsage(cpu0);
// Sockets and timers of finished tasks wind down before memory is read.
await new Promise((r) => setTimeout(r, 1_000));
const after = memory();
const statuses: Record<string, number> = {};
for (const id of ids) {
  const status = desk.runner.store.get(id)?.status ?? 'missing';
  statuses[status] = (statuses[status] ?? 0) + 1;
}
// How the tasks were followed, to show the mix is the one described above: a pending task
// whose session ended before its socket connected is refused the socket and polled instead.
let pending = 0;
let live = 0;
for (const id of ids) {
  const payloads = desk.runner.store.events(id).map((e) => e.payload as Record<string, unknown>);
  if (payloads.some((p) => p?.state === 'pending')) pending += 1;
  if (payloads.some((p) => p?.socket === 'connected')) live += 1;
}
const notTerminal = ids.filter(
  (id) => !TERMINAL.has(desk.runner.store.get(id)?.status ?? 'missing'),
).length;
process.stdout.write(
  `${JSON.stringify({ tasks: ids.length, wallMs, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, before, after, statuses, notTerminal, pending, live, active: desk.runner.activeCount() })}\n`,
);
await desk.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
