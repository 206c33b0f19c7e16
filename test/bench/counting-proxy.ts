// A counting reverse proxy in front of the sandbox, so "requests per task" is what crossed the
// wire, whoever sent it. The sandbox writes its own origin into poll URLs; the proxy rewrites
// it to its own so every later poll comes back through here and is counted too.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** REST requests by "METHOD /route-shape". */
  requests: Map<string, number>;
  /** Socket.IO WebSocket handshakes (HTTP Upgrade requests). */
  upgrades: number;
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

/** "/task/abc/def" → "/task/:sessionId/:taskId": counts group by route, not by id. */
function shape(path: string): string {
  const p = path.split('?')[0]!;
  return p.startsWith('/task/') ? '/task/:sessionId/:taskId' : p;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  let self = '';
  const state = { requests: new Map<string, number>(), upgrades: 0 };
  const server = createServer((req: IncomingMessage, res) => {
    const key = `${req.method} ${shape(req.url ?? '/')}`;
    state.requests.set(key, (state.requests.get(key) ?? 0) + 1);
    const upstream = httpRequest(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8').split(to.origin).join(self);
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // Upgraded sockets leave the server's bookkeeping: remember them to close them ourselves.
  const tunnels = new Set<{ destroy(): void }>();
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    state.upgrades += 1;
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    const upstream = connect(Number(to.port), to.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    get requests() {
      return state.requests;
    },
    get upgrades() {
      return state.upgrades;
    },
    total: () => [...state.requests.values()].reduce((a, b) => a + b, 0) + state.upgrades,
    reset() {
      state.requests = new Map();
      state.upgrades = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const tunnel of tunnels) tunnel.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
