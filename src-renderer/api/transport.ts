// The two ways the renderer reaches the core. Which one is used is decided once, at start:
// inside Electron the preload has exposed `deskBridge`; anywhere else this is browser mode.
import type { DeskEvent, Envelope } from '../../src-main/contract/index';

/** `unauthorized`: this page has no valid token (browser mode); nothing is retried. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

export interface Transport {
  kind: 'electron' | 'browser';
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  onEvents(listener: (events: DeskEvent[]) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Browser mode only: a task's local copy of a file, fetched with the token. */
  fetchFile?(taskId: string, filename: string): Promise<Blob>;
}

interface DeskBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvents(listener: (events: unknown) => void): () => void;
}

declare global {
  interface Window {
    deskBridge?: DeskBridge;
  }
}

function ipcTransport(bridge: DeskBridge): Transport {
  return {
    kind: 'electron',
    invoke: (method, input) => bridge.invoke(method, input) as Promise<Envelope<unknown>>,
    onEvents: (listener) => bridge.onEvents((events) => listener(events as DeskEvent[])),
    onConnection: (listener) => {
      listener('connected'); // IPC cannot drop while the window exists.
      return () => {};
    },
  };
}

const TOKEN_KEY = 'webrun-desk-token';

/** The token arrives once in the URL; keep it for this tab only and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function browserTransport(): Transport {
  const token = takeToken();
  const eventListeners = new Set<(events: DeskEvent[]) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let attempt = 0;

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  /** The server refused our token: say so once and stop, since retrying cannot help. */
  const refuse = (): void => {
    sessionStorage.removeItem(TOKEN_KEY);
    setState('unauthorized');
  };

  /** After a refused socket: is it the token (stop) or a server that is away (retry)? */
  const tokenRefused = async (): Promise<boolean> => {
    try {
      const response = await fetch('/api/app.info', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      return response.status === 403;
    } catch {
      return false;
    }
  };

  const connect = (): void => {
    if (state === 'unauthorized') return;
    let opened = false;
    const ws = new WebSocket(`ws://${window.location.host}/events`, [
      'webrun-desk',
      `token.${token}`,
    ]);
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      setState('connected');
    };
    ws.onmessage = (message) => {
      try {
        const { events } = JSON.parse(String(message.data)) as { events: DeskEvent[] };
        for (const listener of eventListeners) listener(events);
      } catch {
        // A frame we cannot read is dropped; the next resync brings the truth back.
      }
    };
    ws.onclose = () => {
      if (state === 'unauthorized') return;
      setState('reconnecting');
      const delay = Math.min(10_000, 250 * 2 ** attempt++);
      void (opened ? Promise.resolve(false) : tokenRefused()).then((refused) =>
        refused ? refuse() : setTimeout(connect, delay),
      );
    };
  };
  if (token === '') refuse();
  else connect();

  return {
    kind: 'browser',
    async invoke(method, input) {
      try {
        const response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        if (response.status === 403 && state !== 'unauthorized') refuse();
        return (await response.json()) as Envelope<unknown>;
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: `WebRun Desk is not reachable: ${(error as Error).message}`,
          },
        };
      }
    },
    async fetchFile(taskId, filename) {
      const response = await fetch(
        `/files/${encodeURIComponent(taskId)}/${encodeURIComponent(filename)}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!response.ok) throw new Error((await response.text()) || `HTTP ${response.status}`);
      return response.blob();
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}

export function pickTransport(): Transport {
  return window.deskBridge ? ipcTransport(window.deskBridge) : browserTransport();
}
