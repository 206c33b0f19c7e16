// The desk for the soak (scenario 7), in its own process started with --expose-gc so the heap
// can be read after a full collection: createDesk + the browser-mode server on a sandbox in
// another process, a scripted user who answers every question, and a sample every sampleMs.
// stdin "start" feeds the tasks in; stdout gets {"sample": …} lines, then {"done": …}.
import { statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { dispatch } from '../../src-main/contract/dispatch';
import { createDesk } from '../../src-main/core/desk';
import { startBrowserServer } from '../../src-main/web/server';

export interface SoakHostArgs {
  dbPath: string;
  staticRoot: string;
  sandboxUrl: string;
  tasks: number;
  concurrency: number;
  /** Every n-th task asks a question (10: a tenth). */
  questionEvery: number;
  /** Simulated seconds per task: min and max. */
  durationS: [number, number];
  sampleMs: number;
}

export interface SoakSample {
  at: number;
  done: number;
  heapAfterGcMb: number;
  rssMb: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  dbBytes: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as SoakHostArgs;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('soak-host needs node --expose-gc');
const desk = await createDesk({
  dbPath: args.dbPath,
  apiKey: 'wr_bench_soak',
  baseUrl: args.sandboxUrl,
  host: 'browser',
  rateLimit: null,
  recover: false,
  runner: { concurrency: () => args.concurrency },
});
const server = await startBrowserServer({ desk, staticRoot: args.staticRoot });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

const FINAL = new Set(['completed', 'failed', 'stopped', 'cancelled', 'unknown']);
const finished = new Set<string>();
const answered = new Set<string>();
const outcomes: Record<string, number> = {};
/** Answers refused, by reason; `whileOpen` counts those refused while WebRun still asked. */
const refused: Record<string, number> = {};
let refusedWhileOpen = 0;
desk.subscribe((event) => {
  if (event.name !== 'task.updated') return;
  const task = event.payload;
  // The scripted user: answers each question once, as a person at the inbox would.
  if (task.status === 'needs_input' && !answered.has(task.id)) {
    answered.add(task.id);
    void dispatch(desk.handlers, 'tasks.answer', { id: task.id, answer: 'Yes, go ahead.' }).then(
      async (e) => {
        if (e.ok) return;
        // Under load a question can end (its deadline, the task's end) before the scripted
        // person answers: that refusal is right. One is a fault only if WebRun still asks.
        const reason = `${e.error.code}: ${e.error.message}`;
        refused[reason] = (refused[reason] ?? 0) + 1;
        if (await stillAsking(task.id)) refusedWhileOpen++;
      },
    );
  }
  if (FINAL.has(task.status) && !finished.has(task.id)) {
    finished.add(task.id);
    outcomes[task.status] = (outcomes[task.status] ?? 0) + 1;
  }
});

/** Whether the sandbox still holds the task at its question (its poll body says so). */
async function stillAsking(id: string): Promise<boolean> {
  const row = desk.runner.store.get(id);
  if (!row?.sessionId || !row.remoteTaskId) return false;
  const res = await fetch(`${args.sandboxUrl}/task/${row.sessionId}/${row.remoteTaskId}`, {
    headers: { Authorization: 'Bearer wr_bench_soak' },
  });
  const body = (await res.json()) as { type?: unknown };
  return body.type === 'guardrail_trigger';
}

function dbBytes(): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(`${args.dbPath}${suffix}`).size;
    } catch {
      // no WAL yet
    }
  }
  return total;
}

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
function sample(): SoakSample {
  gc!();
  const s: SoakSample = {
    at: Date.now(),
    done: finished.size,
    heapAfterGcMb: process.memoryUsage().heapUsed / 1e6,
    rssMb: process.memoryUsage.rss() / 1e6,
    eventLoopP99Ms: delay.percentile(99) / 1e6,
    eventLoopMaxMs: delay.max / 1e6,
    dbBytes: dbBytes(),
  };
  // The forced collection itself stalls the loop: start the next window once the histogram's
  // own timer has recorded that stall.
  setTimeout(() => delay.reset(), 5);
  return s;
}

/** Task i's prompt: a simulated run time spread over durationS, every questionEvery-th one asks a question. */
function prompt(i: number): string {
  const [lo, hi] = args.durationS;
  const seconds = Math.round(lo + ((hi - lo) * ((i * 7919) % 1000)) / 1000);
  const question =
    i % args.questionEvery === args.questionEvery - 1
      ? ' [guardrail:Do you want me to submit the form?]'
      : '';
  return `Soak task ${i}: check the opening hours [duration:${seconds}s]${question}`;
}

async function start(): Promise<void> {
  const t0 = Date.now();
  // Work arrives through the day, as it would from a person or a schedule: the queue is kept a
  // few slots ahead of the runner instead of receiving all 3,000 tasks at once.
  const ahead = args.concurrency * 3;
  let created = 0;
  const timer = setInterval(
    () => process.stdout.write(`${JSON.stringify({ sample: sample() })}\n`),
    args.sampleMs,
  );
  while (finished.size < args.tasks) {
    while (created < args.tasks && created - finished.size < ahead) {
      const envelope = await dispatch(desk.handlers, 'tasks.create', { prompt: prompt(created++) });
      if (!envelope.ok) throw new Error(`tasks.create: ${envelope.error.message}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(timer);
  process.stdout.write(`${JSON.stringify({ sample: sample() })}\n`);
  process.stdout.write(
    `${JSON.stringify({ done: { ms: Date.now() - t0, outcomes, questions: answered.size, refused, refusedWhileOpen, dbBytes: dbBytes() } })}\n`,
  );
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'start')
    void start().catch((error: unknown) =>
      process.stdout.write(
        `${JSON.stringify({ error: String((error as Error)?.stack ?? error) })}\n`,
      ),
    );
});
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => desk.close())
    .then(() => process.exit(0));
});
