// Where to watch a task's browser, and whether the user is driving it. The address is the one
// WebRun gave when the session started (streaming.webViewURL); the app frames it only when it
// comes from the backend's own origin, the one origin its CSP admits.
import type { LiveView, TaskStatus } from '../../contract/schemas';
import { HAS_REMOTE_IDS } from '../../contract/task-status';

export interface LiveViewFacts {
  status: TaskStatus;
  mode: 'oneshot' | 'session';
  session: { status: 'open' | 'ended'; webViewUrl: string | null } | null;
  backendBaseUrl: string;
  /** The task's stored events, oldest first: the last control event says who drives. */
  events: readonly { payload: unknown }[];
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function liveViewOf(facts: LiveViewFacts): LiveView {
  let control: unknown = null;
  for (const e of facts.events) {
    const c = (e.payload as { control?: unknown } | null)?.control;
    if (c === 'takeOverControl' || c === 'releaseControl') control = c;
  }
  const live = HAS_REMOTE_IDS.has(facts.status);
  const userHasControl = live && control === 'takeOverControl';
  const url = facts.session?.webViewUrl ?? null;
  if (!url) {
    const reason = !facts.session
      ? facts.mode === 'oneshot' && live
        ? 'WebRun streams the browser of tasks run in a session; this one-shot task has no live view.'
        : 'This task has no session, so there is no browser to watch.'
      : 'WebRun gave no live-view address for this session.';
    return { webViewUrl: null, embeddable: false, userHasControl, reason };
  }
  if (facts.session?.status === 'ended' || !live) {
    return {
      webViewUrl: null,
      embeddable: false,
      userHasControl: false,
      reason: 'The session has ended; its browser is closed.',
    };
  }
  const embeddable = originOf(url) !== null && originOf(url) === originOf(facts.backendBaseUrl);
  return { webViewUrl: url, embeddable, userHasControl, reason: null };
}
