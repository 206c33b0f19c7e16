// The calibration for scenario 3: the least any client must do per task, in a process of its
// own started like the desk's (--expose-gc, a warm-up first), so the desk's CPU per task can be
// told as a multiple of it and a slower or busier host moves both alike. Per task: one HTTP
// request over loopback (run-task, answered inline), the answer parsed and normalised with the
// project's normaliser, and the rows the desk writes for a task written to a store opened by
// openStore (WAL, the same pragmas and schema): the task queued; its claim, with its holder,
// and its outcome with WebRun's ids, each with synchronous = FULL as TaskStore.durably does;
// an event for each step. It registers a host lease with a heartbeat, as every desk does.
// With `durable: false` the claim and outcome are committed with NORMAL like every other write:
// the difference between the two runs is what fsync'ing them costs per task (issue 22).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostLeases } from '../../src-main/core/store/host-leases';
import { openStore } from '../../src-main/core/store/open-store';
import { normaliseTaskResponse } from '../../src-main/core/webrun/normalise';

const {
  sandboxUrl,
  tasks,
  concurrency,
  durable = true,
} = JSON.parse(process.argv[2] ?? '{}') as {
  sandboxUrl: string;
  tasks: number;
  concurrency: number;
  durable?: boolean;
};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-calibration-'));
const { db } = openStore(join(dir, 'calibration.db'));
const leases = new HostLeases(db);
const hostId = randomUUID();
leases.register(hostId, 'bench');

const sql = {
  create: db.prepare(
    "INSERT INTO tasks (id, prompt, status, created_at, updated_at, queue_order) VALUES (?, ?, 'queued', ?, ?, ?)",
  ),
  claim: db.prepare(
    "UPDATE tasks SET status = 'submitting', started_at = ?, updated_at = ? WHERE id = ? AND status = 'queued'",
  ),
  hold: db.prepare('INSERT OR REPLACE INTO task_holders (task_id, host_id) VALUES (?, ?)'),
  outcome: db.prepare(
    `UPDATE tasks SET status = ?, session_id = ?, remote_task_id = ?, poll_url = ?, result_message = ?,
       prompt_tokens = ?, completion_tokens = ?, total_tokens = ?, completion_time = ?, cost = ?,
       updated_at = ?, ended_at = ? WHERE id = ?`,
  ),
  event: db.prepare(
    'INSERT INTO task_events (task_id, at, kind, from_status, to_status, payload) VALUES (?, ?, ?, ?, ?, ?)',
  ),
};

/** As TaskStore.durably: this commit is fsync'd (FULL), the store's others are not (NORMAL). */
function durably(write: () => void): void {
  if (!durable) return db.transaction(write)();
  db.pragma('synchronous = FULL');
  try {
    db.transaction(write)();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

/** Retries counted: a kept-alive connection the server closed or reset as it was reused. */
let retries = 0;
const RESET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

async function runTask(prompt: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${sandboxUrl}/start/run-task`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer wr_bench_calibration',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ prompt }),
      });
      return await res.text();
    } catch (error) {
      const code = String((error as { cause?: { code?: unknown } }).cause?.code);
      if (!RESET.has(code) || attempt >= 2) throw error;
      retries += 1;
    }
  }
}

async function oneTask(prompt: string): Promise<string> {
  const id = randomUUID();
  const created = Date.now();
  db.transaction(() => {
    sql.create.run(id, prompt, created, created, created);
    sql.event.run(id, created, 'transition', null, 'queued', null);
  })();
  durably(() => {
    const at = Date.now();
    sql.claim.run(at, at, id);
    sql.hold.run(id, hostId);
    sql.event.run(id, at, 'transition', 'queued', 'submitting', null);
  });
  const raw = await runTask(prompt);
  const o = normaliseTaskResponse(JSON.parse(raw), { phase: 'submit', raw, baseUrl: sandboxUrl });
  durably(() => {
    const at = Date.now();
    const u = o.usage;
    sql.outcome.run(
      o.state === 'completed' || o.state === 'failed' ? o.state : 'running',
      o.sessionId,
      o.taskId,
      o.pollUrl,
      o.message,
      u?.prompt_tokens ?? null,
      u?.completion_tokens ?? null,
      u?.total_tokens ?? null,
      u?.completion_time ?? null,
      u?.cost ?? null,
      at,
      at,
      id,
    );
    sql.event.run(id, at, 'remote', null, null, o.raw);
    sql.event.run(id, at, 'transition', 'submitting', o.state, null);
  });
  return o.state;
}

/** `count` tasks, `concurrency` at a time; the states they ended in. */
async function batch(count: number, label: string): Promise<Record<string, number>> {
  const states: Record<string, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const state = await oneTask(`${label} ${i} look up the opening hours of museum ${i % 97}`);
      states[state] = (states[state] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return states;
}

await batch(Math.min(50, tasks), 'Warm-up task');
await new Promise((r) => setTimeout(r, 500));
gc();
const cpu0 = process.cpuUsage();
const t0 = Date.now();
const states = await batch(tasks, 'Calibration task');
const wallMs = Date.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({ tasks, wallMs, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, states, retries })}\n`,
);
leases.close();
db.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
