// The one place the client's requests go over HTTP. By default they go through undici's
// request() (undici 6, pinned: the HTTP engine Node's own fetch is built on): a request made
// through fetch cost about four times the CPU (its Request, Response and web-stream layers),
// and the runner makes two for every task. Whatever carries it, an exchange fails the way
// fetch fails (an abort rejects with the signal's reason; anything else is a TypeError whose
// cause carries the network code), so http-answers.ts reads every failure the same way.
import { request } from 'undici';
import { WebRunError } from './errors';
import { readCapped } from './http-answers';

export interface HttpExchange {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  /** JSON text, or a multipart form (uploads). */
  body?: string | FormData;
  signal: AbortSignal;
  /** An answer larger than this is not read (see readCapped). */
  maxBytes: number;
  /** Called when the answer's head and each piece of its body arrive (silence-timeout.ts). */
  onProgress?: () => void;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export type Transport = (url: string, exchange: HttpExchange) => Promise<HttpAnswer>;

/** Through a fetch function (a test's, or for a multipart body, which fetch encodes). */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (url, { method, headers, body, signal, maxBytes, onProgress }) => {
    const response = await fetchImpl(url, { method, headers, body, signal });
    onProgress?.();
    const text = await readCapped(
      response.body as AsyncIterable<Uint8Array> | null,
      response.headers.get('content-length'),
      maxBytes,
      () => response.body?.cancel(),
      onProgress,
    );
    return { status: response.status, headers: response.headers, text };
  };
}

const viaFetch = fetchTransport((url, init) => fetch(url, init));

/** Through undici's request(); a multipart body still goes through fetch. */
export const undiciTransport: Transport = async (url, exchange) => {
  if (exchange.body !== undefined && typeof exchange.body !== 'string')
    return viaFetch(url, exchange);
  const { method, headers, body, signal, maxBytes, onProgress } = exchange;
  try {
    // fetch follows redirects (dropping the key on another origin); so does this.
    const answer = await request(url, { method, headers, body, signal, maxRedirections: 20 });
    onProgress?.();
    const received = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) received.append(name, v);
      else if (value !== undefined) received.set(name, value);
    }
    // destroy() ends undici's body with an abort error, which nobody is left to read.
    const text = await readCapped(
      answer.body,
      received.get('content-length'),
      maxBytes,
      () => answer.body.on('error', () => {}).destroy(),
      onProgress,
    );
    return { status: answer.statusCode, headers: received, text };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (error instanceof WebRunError) throw error;
    throw new TypeError('fetch failed', { cause: error });
  }
};
