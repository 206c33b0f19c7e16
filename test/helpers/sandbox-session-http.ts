// HTTP helpers for the session sandbox tests: call(path, key, body) and send(sessionId, message).
import { type SandboxHandle } from '../../src-main/sandbox/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON bodies from the wire, asserted field by field
export type Json = Record<string, any>;

let keyCounter = 0;
export function freshKey(): string {
  keyCounter++;
  return `enig_session_${keyCounter}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function call(
  sb: SandboxHandle,
  path: string,
  key: string | null,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sb.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function send(sb: SandboxHandle, key: string, sessionId: string, message: Json) {
  return call(sb, '/start/send-message', key, { sessionId, message });
}
