import { useAppStore } from '../../stores/app-store';
import { BalanceBadge } from '../money/BalanceBadge';
import { useInboxStore } from '../../stores/inbox-store';
import { useMcpStore } from '../../stores/mcp-store';
import { useWatchAlertsStore } from '../../stores/watch-alerts-store';
import type { View } from '../../stores/route';
import { useRouteStore } from '../../stores/route-store';
import { useSettingsStore, type Theme } from '../../stores/settings-store';

const CONNECTION_LABEL = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'No access',
} as const;
const BACKEND_LABEL = { sandbox: 'Sandbox', cloud: 'WebRun cloud', custom: 'Custom URL' } as const;
const NAV: { view: View; label: string }[] = [
  { view: 'queue', label: 'Queue' },
  { view: 'history', label: 'History' },
  { view: 'batches', label: 'Batches' },
  { view: 'spend', label: 'Spend' },
  { view: 'sessions', label: 'Sessions' },
  { view: 'environments', label: 'Environments' },
  { view: 'schedules', label: 'Schedules' },
  { view: 'watches', label: 'Watches' },
  { view: 'settings', label: 'Settings' },
];

export function ThemeSelect({ id }: { id: string }) {
  const theme = useSettingsStore((s) => s.theme);
  const setTheme = useSettingsStore((s) => s.setTheme);
  return (
    <select
      id={id}
      aria-label="Theme"
      value={theme}
      onChange={(e) => setTheme(e.target.value as Theme)}
    >
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}

/** `bare`: no navigation, for a page that cannot reach the core (its links would lead nowhere). */
export function Header({ bare = false }: { bare?: boolean }) {
  const info = useAppStore((s) => s.info);
  const connection = useAppStore((s) => s.connection);
  const view = useRouteStore((s) => s.route.view);
  const questions = useInboxStore((s) => s.items.length);
  // Assistants' tasks waiting for approve / reject wait in the inbox too.
  const approvals = useMcpStore((s) => s.approvals.length);
  // Watches' alerts (a change, a failed check or run) wait there until dismissed.
  const alerts = useWatchAlertsStore((s) => s.alerts.length);
  const waiting = questions + approvals + alerts;
  return (
    <header className="app-header">
      <h1>WebRun Desk</h1>
      {bare ? (
        <span className="nav" />
      ) : (
        <nav aria-label="Main" className="nav">
          {NAV.map((item) => (
            <a
              key={item.view}
              href={`#/${item.view}`}
              aria-current={view === item.view ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
          <a
            href="#/inbox"
            aria-current={view === 'inbox' ? 'page' : undefined}
            aria-label={`Inbox, ${questions} question${questions === 1 ? '' : 's'}${approvals ? ` and ${approvals} approval${approvals === 1 ? '' : 's'}` : ''}${alerts ? `, ${alerts} watch alert${alerts === 1 ? '' : 's'}` : ''} waiting`}
            className={waiting ? 'has-waiting' : undefined}
          >
            Inbox{' '}
            <span className="count" aria-hidden="true">
              {waiting}
            </span>
          </a>
        </nav>
      )}
      <div className="header-badges">
        <ThemeSelect id="header-theme" />
        {!bare && <BalanceBadge />}
        {info && (
          <span className={`badge badge-${info.backend.kind}`} title={info.backend.baseUrl}>
            {BACKEND_LABEL[info.backend.kind]}
          </span>
        )}
        <span className={`badge connection-${connection}`} role="status" aria-label="Connection">
          {CONNECTION_LABEL[connection]}
        </span>
      </div>
    </header>
  );
}
