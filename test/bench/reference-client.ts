// The reference client loop from WebRun's documentation, written from the docs rather than
// from our client: POST /start/run-task, and while the answer is pending, GET its pollUrl every
// 2 s until the task reaches a terminal state. It is what a user's own script would do.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ReferenceResult {
  /** Local clock when the loop saw the terminal answer. */
  detectedAt: number;
  /** The sandbox's own completion stamp (poll body `completedAt`), when it gave one. */
  completedAt: number | null;
  state: string;
  requests: number;
}

type Body = Record<string, unknown>;

function isPending(body: Body): boolean {
  return (
    body.pending === true ||
    body.status === 'pending' ||
    body.status === 'running' ||
    body.status === 'active'
  );
}

export async function referenceRun(
  baseUrl: string,
  apiKey: string,
  prompt: string,
  pollEveryMs = 2_000,
): Promise<ReferenceResult> {
  const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  let requests = 1;
  const submitted = await fetch(`${baseUrl}/start/run-task`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt }),
  });
  let body = (await submitted.json()) as Body;
  if (!submitted.ok)
    throw new Error(`run-task answered ${submitted.status}: ${JSON.stringify(body)}`);
  const pollUrl =
    typeof body.pollUrl === 'string'
      ? body.pollUrl
      : `${baseUrl}/task/${String(body.sessionId)}/${String(body.taskId)}`;
  while (isPending(body)) {
    await sleep(pollEveryMs);
    requests += 1;
    const polled = await fetch(pollUrl, { headers: { Authorization: headers.Authorization } });
    body = (await polled.json()) as Body;
  }
  const detectedAt = Date.now();
  return {
    detectedAt,
    completedAt: typeof body.completedAt === 'string' ? Date.parse(body.completedAt) : null,
    state: String(body.type ?? body.status ?? 'unknown'),
    requests,
  };
}

/** One GET of a task's poll body, to read `completedAt` after the fact (not counted anywhere). */
export async function completedAtOf(
  baseUrl: string,
  sessionId: string,
  taskId: string,
): Promise<number | null> {
  const res = await fetch(`${baseUrl}/task/${sessionId}/${taskId}`, {
    headers: { Authorization: 'Bearer wr_bench_probe' },
  });
  const body = (await res.json()) as Body;
  return typeof body.completedAt === 'string' ? Date.parse(body.completedAt) : null;
}
