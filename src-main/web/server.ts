// Browser mode: the same core serves the same React UI to a browser on this machine.
// POST /api/<method> carries the contract's envelope; GET /events is one WebSocket of
// batched core events. Everything is refused unless it passes the boundary in security.ts.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../contract/dispatch';
import type { Envelope, ErrorCode } from '../contract/index';
import { liveViewFrameOrigins } from '../core/content-security-policy';
import type { Desk } from '../core/desk';
import { EventBatcher } from '../core/event-hub';
import {
  bearerToken,
  contentSecurityPolicy,
  refusalReason,
  WS_PROTOCOL,
  wsToken,
  type BoundaryConfig,
} from './security';
import { FILES_PREFIX, serveLocalFile } from './file-route';
import { loadStatic } from './static-files';

export interface BrowserServerOptions {
  desk: Desk;
  /** Folder of the built renderer; without it only the API is served. */
  staticRoot?: string | null;
  port?: number;
  token?: string;
  extraOrigins?: string[];
  log?: (line: string) => void;
}

export interface BrowserServer {
  /** The URL to open, carrying the token once. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

const STATUS_FOR: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
  remote: 502,
  internal: 500,
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, reason: string): void {
  sendJson(res, 403, {
    ok: false,
    error: { code: 'forbidden', message: `Refused: ${reason}.` },
  } satisfies Envelope<never>);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolvePromise(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function facts(req: IncomingMessage, token: string | null) {
  return { host: req.headers.host, origin: req.headers.origin, token };
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const log = options.log ?? (() => {});
  // The port is known only after listen(); the boundary reads it from here.
  const boundary: BoundaryConfig = {
    port: options.port ?? 0,
    token,
    extraOrigins: options.extraOrigins,
  };

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, {
        ok: false,
        error: { code: 'invalid_input', message: 'Use POST for API calls.' },
      });
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, {
        ok: false,
        error: { code: 'invalid_input', message: 'API calls must be application/json.' },
      });
      return;
    }
    const text = await readBody(req);
    if (text === null) {
      sendJson(res, 413, {
        ok: false,
        error: { code: 'invalid_input', message: `Request body over ${MAX_BODY_BYTES} bytes.` },
      });
      return;
    }
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'Request body is not valid JSON.' },
      });
      return;
    }
    const envelope = await dispatch(options.desk.handlers, method, input, {
      onInternalError: (name, error) =>
        log(`${name} failed: ${(error as Error)?.stack ?? String(error)}`),
    });
    sendJson(res, envelope.ok ? 200 : STATUS_FOR[envelope.error.code], envelope);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const isApi = path.startsWith('/api/');
    const isFile = path.startsWith(FILES_PREFIX);
    const reason = refusalReason(
      facts(req, bearerToken(req.headers.authorization)),
      boundary,
      isApi || isFile,
    );
    if (reason) {
      refuse(res, reason);
      return;
    }
    if (isApi) {
      let method: string;
      try {
        method = decodeURIComponent(path.slice('/api/'.length));
      } catch {
        // A malformed escape cannot name any method.
        method = path.slice('/api/'.length);
      }
      await handleApi(req, res, method);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, {
        ok: false,
        error: { code: 'invalid_input', message: 'Method not allowed.' },
      });
      return;
    }
    if (isFile) {
      serveLocalFile(res, path, options.desk.details, options.desk.filesDir, req.method === 'HEAD');
      return;
    }
    const file = options.staticRoot ? await loadStatic(options.staticRoot, path) : null;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(options.staticRoot ? 'Not found' : 'The UI is not built: run `npm run build`.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'X-Content-Type-Options': 'nosniff',
      // The page URL carries the token once: never leak it to another site.
      'Referrer-Policy': 'no-referrer',
      ...(file.isHtml
        ? {
            'Content-Security-Policy': contentSecurityPolicy(
              boundary.port,
              liveViewFrameOrigins(options.desk.info.backend.baseUrl),
            ),
            'Cache-Control': 'no-store',
          }
        : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`browser-mode request failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const reason =
      path !== '/events'
        ? 'unknown socket path'
        : refusalReason(facts(req, wsToken(req.headers['sec-websocket-protocol'])), boundary, true);
    if (reason) {
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nRefused: ${reason}.`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachEvents(ws));
  });

  const sockets = new Set<WebSocket>();
  function attachEvents(ws: WebSocket): void {
    sockets.add(ws);
    const batcher = new EventBatcher((events) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ events }));
    });
    const unsubscribe = options.desk.subscribe((event) => batcher.push(event));
    ws.on('close', () => {
      unsubscribe();
      batcher.close();
      sockets.delete(ws);
    });
    ws.on('error', () => ws.terminate());
    // The page only listens; anything it sends is ignored.
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  boundary.port = port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
