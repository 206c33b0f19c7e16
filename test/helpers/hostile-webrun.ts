// A scripted, hostile WebRun on 127.0.0.1: it speaks the documented protocol (run-task, poll,
// Socket.IO narrative, file downloads) but every text, URL and file it returns comes from the
// payload corpus in test/fixtures/hostile/payloads.jsonl, one payload a line. A second server on
// another port is a "foreign" host its links point at. Both record every request, so a test can
// say where the API key went.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server as SocketServer } from 'socket.io';

export interface Payload {
  kind: 'text' | 'url' | 'file';
  name: string;
  value?: string;
  repeat?: number;
  filename?: string;
  downloadUrl?: string;
  source?: string | null;
}

export const CORPUS_PATH = join(import.meta.dirname, '../fixtures/hostile/payloads.jsonl');

/** The corpus, one JSON object a line (blank lines and # comments skipped). */
export function loadCorpus(): Payload[] {
  return readFileSync(CORPUS_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => JSON.parse(line) as Payload);
}

export const textOf = (p: Payload): string => (p.value ?? '').repeat(p.repeat ?? 1);

export interface Recorded {
  server: 'webrun' | 'foreign';
  method: string;
  path: string;
  authorization: string | null;
  /** The Socket.IO handshake's auth, for the socket's connection. */
  socketAuth?: unknown;
}

export interface HostileWebRun {
  url: string;
  foreignUrl: string;
  requests: Recorded[];
  /** What the corpus became, placeholders filled in: the message, network URLs, files. */
  message: string;
  texts: string[];
  files: { filename: string; downloadUrl: string; source: string | null }[];
  close(): Promise<void>;
}

const FILE_BYTES = Buffer.from('a file a web page supplied\n');

async function listen(server: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function record(list: Recorded[], server: Recorded['server'], req: IncomingMessage): void {
  list.push({
    server,
    method: req.method ?? '',
    path: req.url ?? '',
    authorization: req.headers.authorization ?? null,
  });
}

/** Downloads: small files, one that declares 300 MB, one without Content-Length. */
function serveFile(path: string, res: import('node:http').ServerResponse): void {
  if (path === '/files/huge') {
    res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) });
    res.write(FILE_BYTES); // then nothing: the client must refuse by the header and hang up
    return;
  }
  if (path === '/files/stream') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    for (let i = 0; i < 16; i += 1) res.write(Buffer.alloc(64 * 1024, 0x62));
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.end(FILE_BYTES);
}

export async function startHostileWebRun(corpus = loadCorpus()): Promise<HostileWebRun> {
  const requests: Recorded[] = [];
  const foreign = createServer((req, res) => {
    record(requests, 'foreign', req);
    serveFile(new URL(req.url ?? '/', 'http://x').pathname, res);
  });
  const foreignUrl = await listen(foreign);

  const http = createServer();
  const url = await listen(http);
  const fill = (s: string): string =>
    s
      .replaceAll('{{ORIGIN}}', url)
      .replaceAll('{{FOREIGN}}', foreignUrl)
      .replaceAll('{{FOREIGN_HOST}}', new URL(foreignUrl).host);
  const texts = corpus.filter((p) => p.kind === 'text').map(textOf);
  const shortTexts = corpus.filter((p) => p.kind === 'text' && !p.repeat).map(textOf);
  const urls = corpus.filter((p) => p.kind === 'url').map((p) => fill(p.value ?? ''));
  const files = corpus
    .filter((p) => p.kind === 'file')
    .map((p) => ({
      filename: p.filename ?? '',
      downloadUrl: fill(p.downloadUrl ?? ''),
      source: p.source ?? null,
    }));
  // Markdown links to every dangerous URL too, so the result view meets them as links.
  const message = [...texts, ...urls.map((u, i) => `[url ${i}](${u})`)].join('\n\n');
  const now = Date.now();
  const usage = {
    prompt_tokens: 100,
    completion_tokens: 50,
    total_tokens: 150,
    completion_time: 1,
    cost: 0.01,
  };
  const tasks = new Map<string, { scenario: string; narrated: boolean; polls: number }>();

  const answer = (sessionId: string, taskId: string): unknown => {
    const task = tasks.get(taskId)!;
    task.polls += 1;
    // Running until the socket has told its story (or a few polls, if it never connected).
    if (!task.narrated && task.polls < 4)
      return { success: true, sessionId, taskId, status: 'running', usage };
    if (task.scenario === 'question')
      return {
        success: true,
        type: 'guardrail_trigger',
        data: { type: 'human_input_needed', value: shortTexts.join(' | ') },
      };
    if (task.scenario === 'fail')
      return {
        success: false,
        sessionId,
        taskId,
        status: 'failed',
        error: shortTexts.join(' | '),
        code: 'PAGE_CRASH\u001b]0;code\u0007',
        usage,
      };
    return {
      success: true,
      sessionId,
      taskId,
      type: 'task_completed',
      completedAt: new Date().toISOString(),
      data: {
        message,
        files: files.map((f, i) => ({ ...f, timestamp: now + i })),
        network: [
          {
            id: 'n1',
            taskId,
            urls: urls.map((u, i) => ({ url: u, timestamp: now + i })),
          },
        ],
      },
      usage,
    };
  };

  http.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/socket.io/')) return; // Socket.IO's own
    record(requests, 'webrun', req);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (path.startsWith('/files/')) return serveFile(path, res);
      if (req.method === 'POST' && path === '/start/run-task') {
        const n = tasks.size + 1;
        const sessionId = `s${n}`;
        const taskId = `t${n}`;
        const scenario = /question/i.test(body)
          ? 'question'
          : /fail/i.test(body)
            ? 'fail'
            : 'result';
        tasks.set(taskId, { scenario, narrated: false, polls: 0 });
        return json(200, {
          success: true,
          sessionId,
          taskId,
          status: 'pending',
          pending: true,
          pollUrl: `${url}/task/${sessionId}/${taskId}`,
        });
      }
      const poll = /^\/task\/([^/]+)\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && poll && tasks.has(poll[2]!))
        return json(200, answer(poll[1]!, poll[2]!));
      if (req.method === 'POST' && path === '/start/send-message')
        return json(200, { success: true, message: 'Message sent successfully' });
      if (path === '/start/health') return json(200, { success: true, status: 'healthy' });
      return json(404, { success: false, message: 'Not found' });
    });
  });

  const io = new SocketServer(http);
  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as { sessionId?: string };
    requests.push({
      server: 'webrun',
      method: 'SOCKET',
      path: '/socket.io/',
      authorization: socket.handshake.headers.authorization ?? null,
      socketAuth: auth,
    });
    const taskId = `t${String(auth.sessionId ?? '').slice(1)}`;
    for (const text of shortTexts) {
      socket.emit('message', { type: 'agent', content: text });
      socket.emit('message', { type: 'action', data: { name: 'click_element', target: text } });
      socket.emit('message', { type: 'response_update', data: { message: text } });
    }
    const task = tasks.get(taskId);
    if (task) task.narrated = true;
    socket.emit('message', { type: 'task_completed', sessionId: auth.sessionId, taskId });
  });

  return {
    url,
    foreignUrl,
    requests,
    message,
    texts,
    files,
    async close() {
      await io.close();
      foreign.closeAllConnections();
      http.closeAllConnections();
      await Promise.all(
        [foreign, http].map((s) => new Promise((resolve) => s.close(() => resolve(null)))),
      );
    },
  };
}
