// What the last check of the history database found, in words, with when it ran.
import { useEffect } from 'react';
import type { IntegrityStatus } from '../../../src-main/contract/index';
import { formatTime } from '../../format';
import { useIntegrityStore } from '../../stores/integrity-store';

export function integrityText(s: IntegrityStatus): string {
  const when =
    s.lastCheckAt === null
      ? ''
      : ` (checked ${formatTime(s.lastCheckAt)}${s.durationMs === null ? '' : `, ${s.durationMs} ms`})`;
  const running = s.running
    ? ' A check is running now.'
    : s.due
      ? ` Next check when idle: ${s.due}.`
      : '';
  switch (s.state) {
    case 'never':
      return `Not checked yet.${running}`;
    case 'ok':
      return `No problems found${when}.${running}`;
    case 'damaged':
      return `Damage found${when}: ${s.problems.slice(0, 3).join('; ')}. Restore the backup made before the last upgrade, or export what can be read.${running}`;
    default:
      return `The check could not run${when}: ${s.problems[0] ?? 'unknown reason'}.${running}`;
  }
}

export function IntegrityStatusLine() {
  const { status, error, load } = useIntegrityStore();
  useEffect(() => {
    void load();
  }, [load]);
  const text = error
    ? `Could not read the last check: ${error}`
    : status
      ? integrityText(status)
      : '—';
  return (
    <span
      role="status"
      aria-label="Database check"
      className={status?.state === 'damaged' ? 'form-error' : undefined}
    >
      {text}
    </span>
  );
}
