// Bearer-key check with the documented 401 bodies (webrun-api.md §6.2). Any key of the
// documented shape is accepted: the sandbox has no accounts, a key only names a "user" for
// rate limits, session ownership and the submitted-task counter.
import type { IncomingMessage } from 'node:http';
import { type Parsed, failure } from './http.ts';

const KEY_SHAPE = /^(wr|enig)_[A-Za-z0-9_-]{4,}$/;
/** KEY_SHAPE in words, for the banners that tell a person which key to use. */
export const KEY_RULE =
  'wr_ or enig_ followed by at least 4 letters, digits, _ or -, for example wr_test';

export function bearerKey(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim() ?? '';
}

/** onlyKey: the one key a history's shared sandbox accepts; any other is refused as revoked. */
export function authenticate(req: IncomingMessage, onlyKey: string | null = null): Parsed<string> {
  const key = bearerKey(req);
  if (key === null)
    return {
      ok: false,
      reply: failure(401, 'API key required. Provide Authorization: Bearer <api_key>'),
    };
  if (!KEY_SHAPE.test(key) || (onlyKey !== null && key !== onlyKey))
    return { ok: false, reply: failure(401, 'Invalid or revoked API key') };
  return { ok: true, value: key };
}

export function isValidKey(key: string, onlyKey: string | null = null): boolean {
  return KEY_SHAPE.test(key) && (onlyKey === null || key === onlyKey);
}
