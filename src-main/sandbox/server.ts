// startSandbox: wires the state, routes and Socket.IO onto one node:http server on 127.0.0.1,
// and runs every request through the same pipeline: faults, auth, rate limit, body, handler.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, bearerKey, isValidKey } from './auth.ts';
import type { SandboxContext } from './context.ts';
import { type Fault, FaultController, faultWhen } from './faults.ts';
import { EnvironmentStore } from './environments.ts';
import { FileStore } from './files.ts';
import {
  BodyTooLarge,
  type Reply,
  failure,
  parseJsonObject,
  readBody,
  writeReply,
} from './http.ts';
import { Ledger } from './ledger.ts';
import { type SandboxHandle, type SandboxOptions, resolveOptions } from './options.ts';
import { RATE_LIMITED_BODY, SlidingWindowLimiter } from './rate-limit.ts';
import { type RouteMatch, Router } from './router.ts';
import { environmentRoutes } from './routes-environments.ts';
import { miscRoutes } from './routes-misc.ts';
import { hostRoutes, unfinishedTasks } from './routes-host.ts';
import { taskRoutes } from './routes-tasks.ts';
import { triggerRoutes } from './routes-triggers.ts';
import { Scheduler } from './scheduler.ts';
import { SessionManager } from './sessions.ts';
import { SocketHub } from './socket.ts';
import { TriggerEngine } from './triggers.ts';

const JSON_LIMIT_BYTES = 1024 * 1024;

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  const scheduler = new Scheduler();
  const hub = new SocketHub(scheduler);
  const ctx: SandboxContext = {
    options: resolved,
    baseUrl: '',
    scheduler,
    sessions: new SessionManager(scheduler, resolved.expiryScale, hub),
    files: new FileStore(),
    environments: new EnvironmentStore(),
    ledger: new Ledger(resolved.balance),
    sink: hub,
    submitted: new Map(),
    promptRuns: new Map(),
  };
  const faults = resolved.faults ? new FaultController(hub, ctx.sessions, scheduler) : null;
  /** 429s answered per key, so a test can hold the client to "never collects 429s". */
  const refused = new Map<string, number>();
  const limiter = resolved.rateLimit
    ? new SlidingWindowLimiter(resolved.rateLimit.max, resolved.rateLimit.windowMs)
    : null;
  // An environment's profile is saved back, with the logins its session made, when the session ends.
  ctx.sessions.ended.add((session) => {
    const env = session.environmentId
      ? ctx.environments.owned(session.apiKey, session.environmentId)
      : undefined;
    if (env) ctx.environments.saveBack(env, session.learnedLogins);
  });
  const triggers = new TriggerEngine(ctx);
  const router = new Router([
    ...taskRoutes(ctx),
    ...miscRoutes(ctx, faults, () => hub.socketIds()),
    ...hostRoutes(ctx),
    ...environmentRoutes(ctx),
    ...triggerRoutes(ctx, triggers),
  ]);

  let lastRequestAt = Date.now();
  const server = createServer((req, res) => {
    lastRequestAt = Date.now();
    handle(req, res).catch(() => {
      if (!res.headersSent) writeReply(res, failure(500, 'Internal server error'));
      else res.destroy();
    });
  });
  hub.attach(server, ctx);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const match = router.match(req.method ?? 'GET', pathname);
    if (!match) return writeReply(res, failure(404, 'Not found'));
    const fault =
      match.route.path === '/__sandbox/faults'
        ? null
        : (faults?.take(match.route.method, match.route.path, pathname) ?? null);
    if (fault && faultWhen(fault) === 'before') return applyFault(fault, req, res, null);
    const reply = await process(match, req);
    if (fault) return applyFault(fault, req, res, reply);
    writeReply(res, reply);
  }

  async function process(match: RouteMatch, req: IncomingMessage): Promise<Reply> {
    const { route } = match;
    let apiKey: string | null = null;
    if (route.auth === 'required') {
      const auth = authenticate(req, resolved.onlyKey);
      if (!auth.ok) return auth.reply;
      apiKey = auth.value;
    } else {
      const key = bearerKey(req);
      apiKey = key !== null && isValidKey(key, resolved.onlyKey) ? key : null;
    }
    let rateHeaders: Record<string, string> = {};
    if (route.limited && limiter && apiKey) {
      const decision = limiter.hit(apiKey);
      if (!decision.allowed) {
        refused.set(apiKey, (refused.get(apiKey) ?? 0) + 1);
        return { status: 429, body: RATE_LIMITED_BODY, headers: decision.headers };
      }
      rateHeaders = decision.headers;
    }
    let body: Record<string, unknown> = {};
    if (route.body === 'json') {
      const parsed = await readJson(req);
      if (!parsed.ok) return withHeaders(parsed.reply, rateHeaders);
      body = parsed.value;
    }
    let reply: Reply;
    try {
      reply = await route.handle({ req, params: match.params, body, apiKey });
    } catch (error) {
      reply =
        error instanceof BodyTooLarge
          ? failure(413, error.message)
          : failure(500, 'Internal server error');
    }
    return withHeaders(reply, rateHeaders);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  ctx.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | null = null;
  return {
    url: ctx.baseUrl,
    faults,
    submittedTasks: (apiKey) => ctx.submitted.get(apiKey) ?? 0,
    rateLimited: (apiKey) => refused.get(apiKey) ?? 0,
    activity: () => ({ lastRequestAt, unfinishedTasks: unfinishedTasks(ctx) }),
    close: () => (closing ??= shutdown(server, scheduler, hub)),
  };
}

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply }> {
  try {
    return parseJsonObject(await readBody(req, JSON_LIMIT_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLarge) return { ok: false, reply: failure(413, error.message) };
    throw error;
  }
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return Object.keys(headers).length === 0
    ? reply
    : { ...reply, headers: { ...headers, ...reply.headers } };
}

function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply | null,
): void {
  switch (fault.type) {
    case 'status': {
      if (fault.status === 429) {
        writeReply(res, {
          status: 429,
          body: RATE_LIMITED_BODY,
          headers: { 'Retry-After': fault.retryAfter ?? '1' },
        });
      } else {
        // 503 and 500 may carry Retry-After too (seconds or an HTTP date, RFC 9110 §10.2.3).
        const reply = failure(
          fault.status,
          fault.status === 503 ? 'No available instances.' : 'Internal server error',
        );
        writeReply(
          res,
          fault.retryAfter ? withHeaders(reply, { 'Retry-After': fault.retryAfter }) : reply,
        );
      }
      return;
    }
    case 'malformed': {
      // A cut-off body: what a proxy or a crashed worker produces mid-write.
      const text =
        reply?.body !== undefined ? JSON.stringify(reply.body) : '{"success":true,"sessionId":"';
      res.writeHead(reply?.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    case 'hang':
      // Never answer; the client's own timeout (or close()) ends it.
      return;
    case 'reset':
      req.socket.destroy();
      return;
  }
}

async function shutdown(server: Server, scheduler: Scheduler, hub: SocketHub): Promise<void> {
  // Stop the simulation first so pending inline waits resolve and no timer outlives us.
  scheduler.close();
  await hub.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
