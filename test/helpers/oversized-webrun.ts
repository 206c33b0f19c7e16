// A tiny WebRun stand-in speaking run-task and poll that produces what the sandbox never would:
// a 50 MB answer, a network log of 1,000,000 URLs. A desk and its browser-mode server run
// against it, and `slowestAnswerDuring` asks the server for app.info every 100 ms while work
// runs. Shared by the oversized-input test (what is stored) and the bench (how responsive).
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startBrowserServer, type BrowserServer } from '../../src-main/web/server';

const MB = 1024 * 1024;
export type OversizedMode = 'small' | 'huge-answer' | 'million-urls';

/** Writes a large body in 1 MB pieces, yielding between them as a real server would. */
async function stream(
  res: ServerResponse,
  head: string,
  fill: (i: number) => string,
  pieces: number,
  tail: string,
): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write(head);
  for (let i = 0; i < pieces; i++) {
    if (!res.write(fill(i))) await new Promise((r) => res.once('drain', r));
  }
  res.end(tail);
}

function millionUrls(i: number): string {
  // 20,000 URLs per piece, 50 pieces: [{"url":"https://site-N.example/page?x=M","timestamp":T},...]
  const urls = Array.from(
    { length: 20_000 },
    (_, k) =>
      `{"url":"https://site-${k % 97}.example/p/${i * 20_000 + k}","timestamp":${1_700_000_000_000 + k}}`,
  );
  return `${i === 0 ? '' : ','}${urls.join(',')}`;
}

const SMALL_ANSWER = JSON.stringify({
  success: true,
  sessionId: 's-small',
  taskId: 't-small',
  status: 'completed',
  message: 'ok',
  usage: {
    prompt_tokens: 1,
    completion_tokens: 1,
    total_tokens: 2,
    completion_time: 1,
    cost: 0.001,
  },
});

export interface OversizedRig {
  mode: OversizedMode;
  desk: Desk;
  web: BrowserServer;
  api(method: string, input: unknown): Promise<{ status: number; body: string; ms: number }>;
  create(prompt: string): Promise<TaskView>;
  /** Runs `work` while probing app.info every 100 ms: the slowest answer and how many came. */
  slowestAnswerDuring<T>(
    work: Promise<T>,
  ): Promise<{ result: T; slowestMs: number; probes: number }>;
  close(): Promise<void>;
}

export async function startOversizedRig(dir: string): Promise<OversizedRig> {
  let baseUrl = '';
  const rig = { mode: 'small' as OversizedMode } as OversizedRig;
  const fake: Server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/start/run-task' && rig.mode === 'huge-answer') {
        return stream(
          res,
          '{"success":true,"sessionId":"s-big","taskId":"t-big","status":"completed","message":"',
          () => 'a'.repeat(MB),
          50,
          '"}',
        );
      }
      if (req.url === '/start/run-task' && rig.mode === 'million-urls') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(
          JSON.stringify({
            success: true,
            sessionId: 's-net',
            taskId: 't-net',
            status: 'pending',
            pending: true,
            pollUrl: `${baseUrl}/task/s-net/t-net`,
          }),
        );
      }
      if (req.url === '/task/s-net/t-net') {
        return stream(
          res,
          '{"success":true,"sessionId":"s-net","taskId":"t-net","status":"completed","message":"done","data":{"network":[{"id":"n1","taskId":"t-net","urls":[',
          millionUrls,
          50,
          ']}]}}',
        );
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(SMALL_ANSWER);
    })();
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  rig.desk = await createDesk({
    dbPath: join(dir, 'history.db'),
    apiKey: 'wr_oversized_key',
    baseUrl,
    host: 'browser',
    rateLimit: null,
    runner: { useSockets: false, pollIntervalMs: () => 50 },
  });
  rig.web = await startBrowserServer({ desk: rig.desk, staticRoot: null });

  rig.api = (method, input) => {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      // A fresh connection each time: a kept-alive one can be closed under us after a long stall.
      const req = request(
        {
          host: '127.0.0.1',
          port: rig.web.port,
          agent: false,
          path: `/api/${method}`,
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${rig.web.token}`,
            Origin: rig.web.origin,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: text, ms: performance.now() - started }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });
  };
  rig.create = async (prompt) =>
    (JSON.parse((await rig.api('tasks.create', { prompt })).body) as { value: TaskView }).value;
  rig.slowestAnswerDuring = async (work) => {
    let done = false;
    let slowestMs = 0;
    let probes = 0;
    const probe = (async () => {
      while (!done) {
        const answer = await rig.api('app.info', {});
        if (answer.status !== 200) throw new Error(`app.info answered ${answer.status}`);
        probes += 1;
        slowestMs = Math.max(slowestMs, answer.ms);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const result = await work.finally(() => (done = true));
    await probe;
    return { result, slowestMs, probes };
  };
  rig.close = async () => {
    await rig.web.close();
    await rig.desk.close();
    fake.closeAllConnections();
    await new Promise((r) => fake.close(r));
  };
  return rig;
}
