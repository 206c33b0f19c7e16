// Reading WebRun's answers over HTTP: a size cap on what is read, a failed task's body kept as
// an answer, and what a request that got no answer at all means for resending it.
import { WebRunError } from './errors';
import { isRecord } from './json-read';

/** The parts of a request its failure is described with. */
export interface SentRequest {
  url: string;
  method: string;
  signal?: AbortSignal;
  timeoutMs: number;
  idempotent: boolean;
}

/** Errors from fetch that mean the request never left this machine, so resending is safe. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Statuses whose meaning the runner needs as such (retry later, final refusal), whatever the body. */
const STATUS_MEANS_MORE = new Set([401, 402, 403, 404, 429, 503]);

/**
 * A non-2xx answer that still describes the task (`status: "failed"`, a code with usage):
 * WebRun ran it and it failed, and the answer keeps the facts (code, message, cost).
 */
export function failedTaskBody(status: number, raw: string): Record<string, unknown> | null {
  if (STATUS_MEANS_MORE.has(status)) return null;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(body)) return null;
  const failed =
    body.status === 'failed' ||
    body.type === 'failed' ||
    (isRecord(body.usage) && body.success === false);
  return failed ? body : null;
}

/** No answer of WebRun's is legitimately this big; past it, the answer is refused, not read. */
export const MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** Reads a body as text, giving up (and cancelling the download) past `limit` bytes. */
/** An answer too large to read: refused rather than held in memory. */
function answerTooLarge(limit: number): WebRunError {
  return new WebRunError({
    kind: 'bad_response',
    message: `WebRun's answer is larger than ${limit / 1024 / 1024} MB and was not read`,
  });
}

/**
 * Reads an answer's body as text, refusing one larger than `limit` bytes: by its declared
 * length before reading, or as it arrives. Both transports read through here (a web stream
 * from fetch, a Node stream from undici); `cancel` lets go of a body left unread.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array> | null,
  declaredLength: string | null,
  limit: number,
  cancel: () => unknown,
  onChunk?: () => void,
): Promise<string> {
  const declared = Number(declaredLength);
  if (Number.isFinite(declared) && declared > limit) {
    await Promise.resolve(cancel()).catch(() => {});
    throw answerTooLarge(limit);
  }
  if (!body) return '';
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  // Leaving the loop by the throw ends the body too (the iterator's return cancels it).
  for await (const chunk of body) {
    onChunk?.();
    size += chunk.byteLength;
    if (size > limit) throw answerTooLarge(limit);
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** What a request that got no answer means: cancelled, timed out, never sent, or cut off. */
export function transportError(
  error: unknown,
  req: SentRequest,
  timeout: AbortSignal,
  baseUrl: string,
): WebRunError {
  const path = new URL(req.url).pathname;
  if (req.signal?.aborted) {
    return new WebRunError({
      kind: 'aborted',
      message: `${req.method} ${path} was cancelled.`,
      cause: error,
    });
  }
  if (timeout.aborted) {
    return new WebRunError({
      kind: 'timeout',
      message: `No answer from WebRun to ${req.method} ${path} within ${Math.round(req.timeoutMs / 1000)} s.`,
      outcomeUnknown: !req.idempotent,
      cause: error,
    });
  }
  const code = causeCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return new WebRunError({
      kind: 'network',
      message: `Cannot reach WebRun at ${baseUrl} (${code}).`,
      cause: error,
    });
  }
  return new WebRunError({
    kind: 'reset',
    message: `The connection to WebRun dropped during ${req.method} ${path}${code ? ` (${code})` : ''}.`,
    outcomeUnknown: !req.idempotent,
    cause: error,
  });
}
