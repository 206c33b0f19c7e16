// How long until WebRun's inactivity expiry ends a wait (a question, a pause, an idle session).
// The deadline comes from the core (`expiresAt`); in the last minute it turns into a warning.
import { formatClock } from '../../format';
import { useNow } from '../common/useNow';

export const WARN_BEFORE_MS = 60_000;

export function TimeLeft({
  expiresAt,
  compact = false,
}: {
  expiresAt: number | null;
  compact?: boolean;
}) {
  const now = useNow(expiresAt !== null);
  if (expiresAt === null) return null;
  const left = expiresAt - now;
  const warn = left <= WARN_BEFORE_MS;
  const text =
    left <= 0
      ? 'Time is up: WebRun is ending the session'
      : compact
        ? `${formatClock(left)} left`
        : warn
          ? `Less than a minute left: ${formatClock(left)} before WebRun ends the session for inactivity`
          : `${formatClock(left)} left before WebRun ends the session for inactivity`;
  return (
    <span
      className={`time-left${warn ? ' time-left-warn' : ''}`}
      role="timer"
      aria-label="Time left"
      title={`Ends at ${new Date(expiresAt).toLocaleTimeString()}`}
    >
      {text}
    </span>
  );
}
