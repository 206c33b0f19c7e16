// The one place a call crosses the boundary: look the method up, parse its input, run it,
// and wrap whatever happens in an envelope. Both adapters (IPC and HTTP) go through here,
// so validation and error mapping cannot drift apart between them.
import { z } from 'zod';
import { methods, type DeskHandlers, type Envelope } from './index';
import { isMethodName, type ErrorCode } from './names';

/** An error a handler throws on purpose, with a code the UI can act on. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

/** A refused input's problems, each with the field it is about: `options.outputSchema: …; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

export interface DispatchOptions {
  /** Called with unexpected errors (bugs), which reach the UI only as a generic message. */
  onInternalError?: (method: string, error: unknown) => void;
}

export async function dispatch(
  handlers: DeskHandlers,
  method: unknown,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'unknown_method', message: `Unknown method: ${String(method).slice(0, 100)}` },
    };
  }
  const parsed = methods[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DeskError)
      return { ok: false, error: { code: error.code, message: error.message } };
    options.onInternalError?.(method, error);
    return {
      ok: false,
      error: { code: 'internal', message: `${method} failed unexpectedly; see the app log.` },
    };
  }
}
