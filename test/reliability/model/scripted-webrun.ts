// A scripted WebRun on 127.0.0.1 for the model-based test: every answer it gives is the next
// one the test queued (or a default), in any documented shape or failure, and it records what
// it saw: which task each submission was for, whether it may have acted on it (billed), and
// every Authorization header. A second server stands in for a foreign host an answer names.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers one request. `acted`: WebRun may have started (billed) the task. */
export type Answer =
  | { kind: 'json'; status: number; body: unknown; retryAfter?: string; acted: boolean }
  | { kind: 'raw'; status: number; text: string; acted: boolean }
  /** Read the request, then drop the connection without a word. */
  | { kind: 'reset'; acted: boolean }
  /** Never answer: the client's own timeout ends the request. */
  | { kind: 'hang'; acted: boolean };

export interface Seen {
  server: 'webrun' | 'foreign';
  method: string;
  path: string;
  auth: string | undefined;
}

const TASK_TAG = /\[task:([\w-]+)\]/;

export class ScriptedWebRun {
  readonly submitAnswers: Answer[] = [];
  readonly pollAnswers: Answer[] = [];
  readonly seen: Seen[] = [];
  /** Submissions per local task id that WebRun may have acted on. */
  readonly acted = new Map<string, number>();
  /**
   * Scripted answers actually served, by phase and kind ("submit: json 429", "poll: reset"),
   * over every run: a fault the script queued but no request consumed never happened.
   */
  readonly served = new Map<string, number>();
  /** Requests not answered yet (the model waits for them to settle). */
  inFlight = 0;
  url = '';
  foreignUrl = '';
  private webrun: Server | null = null;
  private foreign: Server | null = null;
  private sessionSeq = 0;
  private readonly defaultPolls = new Map<string, number>();
  private hanging = new Set<ServerResponse>();

  async start(): Promise<void> {
    this.webrun = createServer((req, res) => this.handle('webrun', req, res));
    this.foreign = createServer((req, res) => this.handle('foreign', req, res));
    this.url = await listen(this.webrun);
    this.foreignUrl = await listen(this.foreign);
  }

  /** Forgets the previous run's script and log. */
  reset(): void {
    this.submitAnswers.length = 0;
    this.pollAnswers.length = 0;
    this.seen.length = 0;
    this.acted.clear();
    this.defaultPolls.clear();
    this.sessionSeq = 0;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const server of [this.webrun, this.foreign]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }

  private handle(server: Seen['server'], req: IncomingMessage, res: ServerResponse): void {
    this.inFlight += 1;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.seen.push({
        server,
        method: req.method ?? 'GET',
        path,
        auth: req.headers.authorization,
      });
      const answer = this.answerFor(server, req.method ?? 'GET', path, body);
      this.send(res, answer);
    });
    res.on('close', () => {
      this.inFlight -= 1;
      this.hanging.delete(res);
    });
  }

  private answerFor(server: Seen['server'], method: string, path: string, body: string): Answer {
    const ok = (b: unknown): Answer => ({ kind: 'json', status: 200, body: b, acted: false });
    if (server === 'foreign') return ok({ success: true, status: 'running' });
    if (method === 'GET' && path.startsWith('/task/')) {
      const [, , sid = '', tid = ''] = path.split('/');
      // Unscripted polls say running; for every other task the fourth one completes, so runs
      // end both ways: by WebRun's answer, and by the deadline of a task that never ends.
      const n = (this.defaultPolls.get(tid) ?? 0) + 1;
      this.defaultPolls.set(tid, n);
      const completes = Number(/(\d+)$/.exec(tid)?.[1] ?? 0) % 2 === 0 && n >= 4;
      const fallback = completes
        ? ok({ success: true, status: 'completed', data: { message: 'done' } })
        : ok({ success: true, status: 'running' });
      const scripted = this.pollAnswers.shift();
      if (scripted) this.count('poll', scripted);
      return this.fill(scripted ?? fallback, { $SID: sid, $TID: tid });
    }
    if (path === '/start/start-session') {
      this.sessionSeq += 1;
      return ok({
        success: true,
        sessionId: `sess-${this.sessionSeq}`,
        socketUrl: this.url,
        webViewUrl: null,
        expiresIn: 300000,
      });
    }
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // an empty body
    }
    const message = (parsed.message ?? {}) as Record<string, unknown>;
    const isSubmission =
      path === '/start/run-task' ||
      (path === '/start/send-message' && message.actionType === 'newTask');
    if (!isSubmission) return ok({ success: true });
    const taskId = TASK_TAG.exec(body)?.[1] ?? 'untagged';
    const scripted = this.submitAnswers.shift();
    if (scripted) this.count('submit', scripted);
    const answer = this.fill(
      scripted ??
        ok({ success: true, sessionId: '$SID', taskId: '$TID', pending: true, status: 'pending' }),
      {
        $SID: typeof parsed.sessionId === 'string' ? parsed.sessionId : `s-${taskId}`,
        $TID: `t-${taskId}`,
      },
    );
    const acted = answer.kind === 'json' && answer.status === 200 ? true : answer.acted;
    if (acted) this.acted.set(taskId, (this.acted.get(taskId) ?? 0) + 1);
    return answer;
  }

  private count(phase: 'submit' | 'poll', answer: Answer): void {
    const kind =
      answer.kind === 'json' || answer.kind === 'raw'
        ? `${answer.kind} ${answer.status}`
        : answer.kind;
    const key = `${phase}: ${kind}`;
    this.served.set(key, (this.served.get(key) ?? 0) + 1);
  }

  /** Scripts name ids and hosts by placeholder; the request they answer fills them in. */
  private fill(answer: Answer, vars: Record<string, string>): Answer {
    if (answer.kind !== 'json') return answer;
    let text = JSON.stringify(answer.body);
    for (const [name, value] of Object.entries({
      ...vars,
      $BASE: this.url,
      $FOREIGN: this.foreignUrl,
    }))
      text = text.split(name).join(value);
    return { ...answer, body: JSON.parse(text) as unknown };
  }

  private send(res: ServerResponse, answer: Answer): void {
    switch (answer.kind) {
      case 'json':
        res.writeHead(answer.status, {
          'Content-Type': 'application/json',
          ...(answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {}),
        });
        res.end(JSON.stringify(answer.body));
        return;
      case 'raw':
        res.writeHead(answer.status, { 'Content-Type': 'text/html' });
        res.end(answer.text);
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'hang':
        this.hanging.add(res);
        return;
    }
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
