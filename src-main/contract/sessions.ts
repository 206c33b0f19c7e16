// WebRun sessions the app opened (or found open from an earlier run), and ending them.
import { Failures, Ok, type MethodSpec, None } from './common';
import type { MethodName } from './names';
import { z } from './zod';

export const SessionView = z.object({
  id: z.string(),
  status: z.enum(['open', 'ended']),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  endReason: z.string().nullable(),
  keepOpen: z.boolean(),
  stray: z.boolean(),
  webViewUrl: z.string().nullable(),
  /** Compute billed by the minute while open ($0.02/min), as far as the app can tell. */
  estimatedComputeCost: z.number(),
  /** While open and idle: when WebRun's inactivity expiry will end it. */
  expiresAt: z.number().nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

const SessionIdInput = z.strictObject({ id: z.string().min(1).max(100) });
const TerminateStrayOutput = z.object({ terminated: z.number().int(), failed: Failures });

export const sessionMethods = {
  'sessions.list': { input: None, output: z.array(SessionView) },
  'sessions.terminate': { input: SessionIdInput, output: Ok },
  'sessions.terminateStray': { input: None, output: TerminateStrayOutput },
} satisfies Partial<Record<MethodName, MethodSpec>>;
