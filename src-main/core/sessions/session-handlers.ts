// WebRun sessions: listing them with their running cost, and ending them at WebRun.
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers, SessionView } from '../../contract/index';
import { PRICES } from '../../contract/pricing';
import { writableCheck } from '../store/writable';
import { eachOf } from '../webrun/remote';
import type { SessionRow, SessionStore } from './session-store';

export interface SessionContext {
  sessions: SessionStore;
  /** Ends a session at WebRun: the runner's controls, the one place that sends a control. */
  terminate: (sessionId: string) => Promise<void>;
  now: () => number;
  readOnlyReason: string | null;
}

export function sessionHandlers(
  ctx: SessionContext,
): Pick<DeskHandlers, 'sessions.list' | 'sessions.terminate' | 'sessions.terminateStray'> {
  const { sessions, terminate } = ctx;
  const writable = writableCheck(ctx.readOnlyReason);

  const sessionView = (s: SessionRow): SessionView => {
    const minutes = ((s.endedAt ?? ctx.now()) - s.createdAt) / 60_000;
    return {
      id: s.id,
      status: s.status,
      createdAt: s.createdAt,
      endedAt: s.endedAt,
      endReason: s.endReason,
      keepOpen: s.keepOpen,
      stray: s.status === 'open' && s.runId !== sessions.runId,
      webViewUrl: s.webViewUrl,
      estimatedComputeCost:
        Math.round(Math.max(0, minutes) * PRICES.sessionPerMinute * 10_000) / 10_000,
      expiresAt: sessions.expiresAt(s),
    };
  };

  return {
    'sessions.list': () => sessions.listRecent(100).map(sessionView),
    'sessions.terminate': async (input) => {
      writable();
      if (!sessions.get(input.id))
        throw new DeskError('not_found', `No session ${input.id} is known to this app.`);
      await terminate(input.id);
      return { ok: true as const };
    },
    'sessions.terminateStray': async () => {
      writable();
      const { done, failed } = await eachOf(
        sessions.stray().map((s) => s.id),
        terminate,
      );
      return { terminated: done, failed };
    },
  };
}
