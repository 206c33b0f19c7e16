// Calls the core's HTTP API the way the page does (token in the Authorization header), so a
// test can read back what the core will use next rather than what the page shows.
import type { Served } from './serve';

export async function callApi<T = unknown>(
  app: Served,
  method: string,
  input: unknown = {},
): Promise<T> {
  const url = new URL(app.url);
  const token = url.searchParams.get('token') ?? '';
  const response = await fetch(`${url.origin}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      Origin: url.origin,
    },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value;
}
