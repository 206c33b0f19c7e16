// A scripted WebRun on 127.0.0.1 for the multi-process chaos test. Unlike the model test's
// ScriptedWebRun (answers queued in order for one core), it answers several processes at once
// and picks each answer's fault from a seeded generator: a delay (some past the client's poll
// timeout), a dropped connection (reset) or a 5xx. It records every submission per prompt,
// what it may have acted on, each task it accepted (billed) with the ids it gave, and whether
// that answer reached the client. Each process runs with its own API key, so every request
// names the process that sent it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How WebRun treated one submission. */
export type Treated =
  /** It started (billed) the task. */
  | 'accepted'
  /** It refused in words (503 no instances, 500 in its own format): nothing started. */
  | 'refused'
  /** It did nothing, but the client cannot know (reset before reading, a proxy's 502). */
  | 'silent';

export interface Submission {
  prompt: string;
  key: string;
  treated: Treated;
}

export interface Billed {
  prompt: string;
  key: string;
  sessionId: string;
  taskId: string;
  /** The answer with the ids was written to the client's connection (the client may be dead). */
  delivered: boolean;
  deliveredAt: number | null;
}

/** Faults that were served to a client, by kind. */
export interface ServedFaults {
  delay: number;
  /** A poll held past the client's own timeout: the client gave up on it (connection closed). */
  delayPastTimeout: number;
  drop: number;
  http5xx: number;
}

/** A small, seedable generator (mulberry32): the same seed gives the same fault choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RemoteTask {
  endsAt: number;
}

const USAGE = { prompt_tokens: 40, completion_tokens: 10, total_tokens: 50, cost: 0.02 };
/** The client's poll timeout is 15 s (webrun/client-timeouts.ts): this holds a poll past it. */
const PAST_POLL_TIMEOUT_MS = 17_000;

export class ChaosWebRun {
  readonly submissions: Submission[] = [];
  readonly billed: Billed[] = [];
  readonly served: ServedFaults = { delay: 0, delayPastTimeout: 0, drop: 0, http5xx: 0 };
  /** Requests seen per API key, that is per process. */
  readonly requestsBy = new Map<string, number>();
  url = '';
  private server: Server | null = null;
  private readonly tasks = new Map<string, RemoteTask>();
  private seq = 0;
  private longPolls = 0;
  private polls = 0;
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly random: () => number,
    /** Keys of processes that are alive: a closed connection from one of them is a timeout. */
    private readonly alive: (key: string) => boolean,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The next poll is held past the client's timeout (costly in time, so asked for, not drawn). */
  holdNextPoll(): void {
    this.longPolls += 1;
  }

  /** Submissions per prompt that WebRun may have acted on (accepted, or silent to the client). */
  maybeActedOn(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.submissions.filter((x) => x.treated !== 'refused'))
      counts.set(s.prompt, (counts.get(s.prompt) ?? 0) + 1);
    return counts;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.open.add(res);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const path = req.url ?? '/';
      this.requestsBy.set(key, (this.requestsBy.get(key) ?? 0) + 1);
      res.on('close', () => this.open.delete(res));
      if (req.method === 'GET' && path.startsWith('/task/')) this.poll(key, path, res);
      else if (req.method === 'POST' && path === '/start/run-task') this.submit(key, body, res);
      else if (req.method === 'POST' && path === '/start/send-message')
        json(res, 200, { success: true, message: 'ok' });
      else json(res, 404, { success: false, error: 'NOT_FOUND', message: 'No such endpoint' });
    });
  }

  private submit(key: string, body: string, res: ServerResponse): void {
    const prompt = promptOf(body);
    const roll = this.random();
    const record = (treated: Treated): void => void this.submissions.push({ prompt, key, treated });
    if (roll < 0.07) {
      this.served.drop += 1;
      record('silent');
      res.socket?.destroy(); // reset before WebRun acted
      return;
    }
    if (roll < 0.13) {
      this.served.http5xx += 1;
      record('refused');
      res.setHeader('Retry-After', '1');
      json(res, 503, {
        success: false,
        error: 'NO_INSTANCES_AVAILABLE',
        message: 'No available instances.',
      });
      return;
    }
    if (roll < 0.16) {
      this.served.http5xx += 1;
      record('silent');
      raw(res, 502, '<html><body>502 Bad Gateway</body></html>');
      return;
    }
    record('accepted');
    const sessionId = `s-${++this.seq}`;
    const taskId = `t-${this.seq}`;
    // The task runs 0.3-2.5 s at WebRun.
    this.tasks.set(taskId, { endsAt: Date.now() + 300 + this.random() * 2_200 });
    const billed: Billed = { prompt, key, sessionId, taskId, delivered: false, deliveredAt: null };
    this.billed.push(billed);
    if (roll < 0.23) {
      this.served.drop += 1;
      res.socket?.destroy(); // reset after WebRun acted: billed, ids lost on the way
      return;
    }
    const answer = (): void => {
      if (res.destroyed) return;
      res.on('finish', () => {
        billed.delivered = true;
        billed.deliveredAt = Date.now();
      });
      json(res, 200, { success: true, sessionId, taskId, status: 'pending', pending: true });
    };
    // WebRun may hold run-task for a while: a process that starts meanwhile sees it submitting.
    if (roll < 0.45) {
      this.served.delay += 1;
      setTimeout(answer, 200 + this.random() * 4_000);
    } else answer();
  }

  private poll(key: string, path: string, res: ServerResponse): void {
    const [, , , taskId = ''] = path.split('?')[0]!.split('/');
    const task = this.tasks.get(taskId);
    const answer = (): void => {
      if (res.destroyed) return;
      if (!task) json(res, 404, { success: false, error: 'NOT_FOUND', message: 'Task not found' });
      else if (Date.now() < task.endsAt) json(res, 200, { success: true, status: 'running' });
      else
        json(res, 200, {
          success: true,
          status: 'completed',
          data: { message: `done ${taskId}` },
          usage: USAGE,
        });
    };
    if (this.longPolls > 0) {
      this.longPolls -= 1;
      res.on('close', () => {
        if (!res.writableFinished && this.alive(key)) this.served.delayPastTimeout += 1;
      });
      setTimeout(answer, PAST_POLL_TIMEOUT_MS);
      return;
    }
    // A short run (5 rounds in npm test) can roll no drop at all (seed 1359460058 did not), and
    // the test then fails its "every fault happened" check: every tenth poll serves a kind
    // still owed (a GET, so any of them is safe), whatever the roll.
    this.polls += 1;
    const owed =
      this.polls % 10 === 0
        ? (['drop', 'http5xx', 'delay'] as const).find((k) => this.served[k] === 0)
        : undefined;
    const roll =
      owed === 'drop' ? 0 : owed === 'http5xx' ? 0.07 : owed === 'delay' ? 0.2 : this.random();
    if (roll < 0.06) {
      this.served.drop += 1;
      res.socket?.destroy();
    } else if (roll < 0.12) {
      this.served.http5xx += 1;
      const status = [500, 502, 503, 504][Math.floor(this.random() * 4)]!;
      raw(res, status, `<html><body>${status}</body></html>`);
    } else if (roll < 0.3) {
      this.served.delay += 1;
      setTimeout(answer, 100 + this.random() * 1_500);
    } else answer();
  }
}

function promptOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { task?: { prompt?: string }; prompt?: string };
    return parsed.task?.prompt ?? parsed.prompt ?? '';
  } catch {
    return '';
  }
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function raw(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html' });
  res.end(text);
}
