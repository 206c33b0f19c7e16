// Tiny HTTP helpers: routes return a Reply value instead of writing to the response, which lets
// the server apply rate-limit headers and "after processing" faults in one place.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  /** JSON body. */
  body?: unknown;
  /** Raw body (HTML, file downloads); takes precedence over `body`. */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, ...(headers ? { headers } : {}) };
}

/** Error body format 1/2 of webrun-api.md §6.1: `{success:false, message[, code, details]}`. */
export function failure(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): Reply {
  return json(status, { success: false, message, ...extra });
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyTooLarge(`Body exceeds ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; an empty body counts as `{}` (some clients send none on GET-like POSTs). */
export function parseJsonObject(buffer: Buffer): Parsed<Record<string, unknown>> {
  const text = buffer.toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // fall through to the 400 below
  }
  return { ok: false, reply: failure(400, 'Invalid JSON body') };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType ?? 'application/octet-stream',
    });
    res.end(reply.raw);
    return;
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}
