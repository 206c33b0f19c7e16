// Contract suite, documented variants the sandbox does not emit (webrun-api.md §1.1, §1.3, §1.5,
// §7.9) and the secrecy of guardrail answers, against a scripted loopback HTTP server.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { SlidingWindowLimiter } from '../../src-main/core/webrun/rate-limiter';
import { failure } from '../helpers/webrun-failure';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
let server: Server | null = null;
const seen: { url: string; type: string | undefined; body: Buffer }[] = [];

async function serve(handler: Handler): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ url: req.url!, type: req.headers['content-type'], body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

function reply(body: unknown, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

const sentJson = (i = 0) => JSON.parse(seen[i]!.body.toString()) as Record<string, unknown>;

describe('start-session answer variants', () => {
  it('reads the shorter Gen2 variant: no dimensions, no socketURL, string balance, Gen2 streaming URLs', async () => {
    const url = await serve(
      reply({
        success: true,
        sessionId: 'a1b2c3d4e5f6',
        streaming: {
          webRTCURL: 'https://a1b2c3d4e5f6.webrun.ai/whep',
          webViewURL: 'https://a1b2c3d4e5f6.webrun.ai',
        },
        expiresIn: 300000,
        balance: '12.50',
      }),
    );
    const session = await new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).startSession({});
    expect(session).toMatchObject({
      sessionId: 'a1b2c3d4e5f6',
      socketUrl: url,
      webViewUrl: 'https://a1b2c3d4e5f6.webrun.ai',
      webRtcUrl: 'https://a1b2c3d4e5f6.webrun.ai/whep',
      dimensions: null,
      expiresIn: 300000,
      balance: 12.5,
      taskId: null,
      initial: null,
    });
  });

  it('reads the MCP-style streamingUrl and an inline pending answer for the initial task', async () => {
    const url = await serve(
      reply({
        success: true,
        sessionId: 's1',
        taskId: 't1',
        status: 'pending',
        pending: true,
        pollUrl: 'https://x/task/s1/t1',
        socketURL: 'https://connect.webrun.ai',
        streamingUrl: 'https://view/s1',
      }),
    );
    const session = await new WebRunClient({
      baseUrl: url,
      apiKey: 'wr_k',
      generation: 'gen1',
    }).startSession({ environmentId: 'env1' }, { prompt: 'go', startingUrl: 'https://a.example' });
    expect(session).toMatchObject({
      socketUrl: 'https://connect.webrun.ai',
      webViewUrl: 'https://view/s1',
      webRtcUrl: null,
      taskId: 't1',
    });
    expect(session.initial).toMatchObject({
      state: 'pending',
      sessionId: 's1',
      taskId: 't1',
      pollUrl: 'https://x/task/s1/t1',
    });
    expect(sentJson()).toEqual({
      environmentId: 'env1',
      profileId: 'env1',
      initialTask: { taskDetails: 'go', startingPoint: 'https://a.example' },
    });
  });

  it('refuses an answer without a sessionId as bad_response with an unknown outcome (a session may exist)', async () => {
    const url = await serve(reply({ success: true, socketURL: 'https://connect.webrun.ai' }));
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).startSession({}),
    );
    expect(error).toMatchObject({ kind: 'bad_response', outcomeUnknown: true });
  });

  it('reports success:false on a 2xx as bad_response with a known outcome and the server text', async () => {
    const url = await serve(
      reply({ success: false, message: 'No available instances.', code: 'INSTANCE_UNAVAILABLE' }),
    );
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).startSession({}),
    );
    expect(error).toMatchObject({
      kind: 'bad_response',
      outcomeUnknown: false,
      code: 'INSTANCE_UNAVAILABLE',
    });
    expect(error.message).toContain('No available instances.');
  });
});

describe('send-message answers', () => {
  it('fills in the session of a legacy pending newTask answer and builds its poll URL', async () => {
    const url = await serve(
      reply({ success: true, taskId: 't9', pending: true, message: 'Task still running.' }),
    );
    const outcome = await new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).newTask('s9', {
      prompt: 'next',
    });
    expect(outcome).toMatchObject({
      state: 'pending',
      sessionId: 's9',
      taskId: 't9',
      pollUrl: `${url}/task/s9/t9`,
    });
    expect(sentJson()).toEqual({
      sessionId: 's9',
      message: { actionType: 'newTask', newState: 'start', prompt: 'next' },
    });
  });

  it.each([
    [{ success: true, message: 'Message sent successfully' }],
    [{ message: 'Message sent successfully' }],
  ])('accepts the acknowledgement %j', async (body) => {
    const url = await serve(reply(body));
    await expect(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).setState('s1', 'pause'),
    ).resolves.toEqual({ usage: null });
    expect(sentJson()).toEqual({
      sessionId: 's1',
      message: { actionType: 'state', newState: 'pause' },
    });
  });

  it("reads the usage a stop's acknowledgement carries, in either documented usage form", async () => {
    for (const usage of [
      { prompt_tokens: 900, completion_tokens: 100, total_tokens: 1000, cost: 0.0031 },
      { inputTokens: 900, outputTokens: 100, computeTime: 2, cost: 0.0031 },
    ]) {
      const url = await serve(
        reply({ success: true, message: 'Message sent successfully', usage }),
      );
      const answer = await new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).setState(
        's1',
        'stop',
      );
      expect(answer.usage).toMatchObject({ cost: 0.0031 });
    }
  });

  it('reports an unreadable acknowledgement as bad_response: unknown for a click, known for a state change', async () => {
    const url = await serve(reply({ ok: 1 }));
    const client = new WebRunClient({ baseUrl: url, apiKey: 'wr_k' });
    expect(await failure(client.interact('s1', { type: 'CLICK', x: 1, y: 2 }))).toMatchObject({
      kind: 'bad_response',
      outcomeUnknown: true,
    });
    expect(await failure(client.setState('s1', 'resume'))).toMatchObject({
      kind: 'bad_response',
      outcomeUnknown: false,
    });
    expect(JSON.parse(seen[0]!.body.toString())).toEqual({
      sessionId: 's1',
      message: { actionType: 'interaction', action: { type: 'CLICK', x: 1, y: 2 } },
    });
  });

  it('counts every control call against the shared limiter, but not health', async () => {
    const url = await serve(reply({ success: true, message: 'ok', status: 'healthy' }));
    const limiter = new SlidingWindowLimiter({ max: 10, windowMs: 60_000 });
    const client = new WebRunClient({ baseUrl: url, apiKey: 'wr_k', limiter });
    await client.setState('s', 'pause');
    await client.interact('s', { type: 'releaseControl' });
    await client.answerGuardrail('s', 'x', 'resume');
    await client.health();
    expect(limiter.inWindow()).toBe(3);
  });
});

describe('secrets never surface in errors', () => {
  const SECRET = 'Password: correct-horse-battery-staple';

  it.each([
    [
      'a 400 that echoes the answer',
      reply(
        { success: false, message: `Invalid prompt "${SECRET}"`, details: { value: SECRET } },
        400,
      ),
    ],
    ['a cut-off 200 that echoes the answer', reply(`{"success":true,"echo":"${SECRET}`)],
  ])('guardrail answer: %s', async (_label, handler) => {
    const url = await serve(handler);
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k', generation: 'gen1' }).answerGuardrail(
        's1',
        SECRET,
        'resume',
      ),
    );
    // It was really sent (Gen1 calls the field taskDetails) ...
    expect(sentJson()).toEqual({
      sessionId: 's1',
      message: { actionType: 'guardrail', taskDetails: SECRET, newState: 'resume' },
    });
    // ... but appears nowhere in what the caller, a log or a crash report could print.
    expect(error.kind).toMatch(/bad_request|bad_response/);
    expect(inspect(error, { depth: 10 })).not.toContain('correct-horse');
    expect(JSON.stringify(error.details)).not.toContain('correct-horse');
    // The rest of what the server said is kept for diagnosis.
    expect(JSON.stringify(error.details)).toContain('[redacted]');
  });

  it('typed text of a TYPE interaction', async () => {
    const url = await serve(reply({ success: false, error: `Cannot type ${SECRET}` }, 400));
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).interact('s1', {
        type: 'TYPE',
        text: SECRET,
      }),
    );
    expect(error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(inspect(error, { depth: 10 })).not.toContain('correct-horse');
  });
});

describe('file upload', () => {
  it('sends one multipart "files" field per file plus environmentId, and reads lenient answers', async () => {
    const url = await serve(
      reply({
        success: true,
        files: [{ id: 'f1' }, { fileId: 'f2', originalName: 'b.bin', size: 3 }],
      }),
    );
    const files = await new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).uploadFiles(
      [
        { name: 'a.txt', data: new Uint8Array([104, 105]) },
        { name: 'b.bin', data: new Blob([new Uint8Array([1, 2, 3])]) },
      ],
      'env42',
    );
    expect(files).toEqual([
      { fileId: 'f1', originalName: 'a.txt', size: 2 },
      { fileId: 'f2', originalName: 'b.bin', size: 3 },
    ]);
    expect(seen[0]!.type).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(seen[0]!.body, {
      headers: { 'content-type': seen[0]!.type! },
    }).formData();
    expect(form.getAll('files').map((f) => (f as File).name)).toEqual(['a.txt', 'b.bin']);
    expect(form.get('environmentId')).toBe('env42');
  });

  it('refuses an answer without file ids as bad_response', async () => {
    const url = await serve(reply({ success: true, files: [{ originalName: 'a.txt' }] }));
    const error = await failure(
      new WebRunClient({ baseUrl: url, apiKey: 'wr_k' }).uploadFiles([
        { name: 'a.txt', data: new Uint8Array([1]) },
      ]),
    );
    expect(error.kind).toBe('bad_response');
  });
});
