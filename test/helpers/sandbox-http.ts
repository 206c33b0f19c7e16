// HTTP helpers for the run-task sandbox tests: one fresh API key per call unless told, JSON
// bodies, and polling until a state is reached.
import { type SandboxHandle } from '../../src-main/sandbox/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON bodies from the wire, asserted field by field
export type Json = Record<string, any>;
export interface Res {
  status: number;
  body: Json;
  headers: Headers;
}

let keyCounter = 0;
/** A fresh API key per test keeps the per-key rate limit out of the way. */
export function freshKey(): string {
  keyCounter++;
  return `wr_test_${keyCounter}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function call(
  sb: SandboxHandle,
  path: string,
  init: { method?: string; key?: string | null; body?: unknown } = {},
): Promise<Res> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.key !== null) headers.Authorization = `Bearer ${init.key ?? freshKey()}`;
  const res = await fetch(`${sb.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `done` holds (or ~3 s pass). */
export async function pollUntil(
  sb: SandboxHandle,
  sid: string,
  tid: string,
  done: (b: Json) => boolean,
): Promise<Json> {
  for (let i = 0; i < 300; i++) {
    const { body } = await call(sb, `/task/${sid}/${tid}`, { key: null });
    if (done(body)) return body;
    await sleep(10);
  }
  throw new Error('task did not reach the expected state');
}
