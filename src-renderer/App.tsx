import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { CommandBar } from './features/command-bar/CommandBar';
import { ConfirmDialog } from './features/common/ConfirmDialog';
import { Composer } from './features/composer/Composer';
import { GuardrailModal } from './features/guardrails/GuardrailModal';
import { InboxView } from './features/guardrails/InboxView';
import { QuestionBar } from './features/guardrails/QuestionBar';
import { HistoryView } from './features/history/HistoryView';
import { QueueList } from './features/queue/QueueList';
import { QueueToolbar } from './features/queue/QueueToolbar';
import { SessionsView } from './features/sessions/SessionsView';
import { SettingsView } from './features/settings/SettingsView';
import { Header } from './features/shell/Header';
import { Notices } from './features/shell/Notices';
import { NoAccess } from './features/shell/NoAccess';
import { ShortcutsDialog } from './features/shell/ShortcutsDialog';
import { Toasts } from './features/shell/Toasts';
import { useShortcuts } from './features/shell/useShortcuts';
import { TaskDetail } from './features/task-detail/TaskDetail';
import { CompareDialog } from './features/watches/CompareDialog';
import { useAppStore } from './stores/app-store';
import { connectStores } from './stores/connect';
import { connectRouteStore, useRouteStore } from './stores/route-store';
import { applyTheme, useSettingsStore } from './stores/settings-store';
import { useTasksStore } from './stores/tasks-store';

// The charts library is most of the bundle: loaded when a chart is first shown.
const SpendView = lazy(() =>
  import('./features/spend/SpendView').then((m) => ({ default: m.SpendView })),
);
// Views opened now and then load on demand, so the first paint carries the queue alone (the
// main chunk stays under the 500 KB the bundle test allows).
const BatchesView = lazy(() =>
  import('./features/batches/BatchesView').then((m) => ({ default: m.BatchesView })),
);
const EnvironmentsView = lazy(() =>
  import('./features/environments/EnvironmentsView').then((m) => ({
    default: m.EnvironmentsView,
  })),
);
const WatchesView = lazy(() =>
  import('./features/watches/WatchesView').then((m) => ({ default: m.WatchesView })),
);
const SchedulesView = lazy(() =>
  import('./features/schedules/SchedulesView').then((m) => ({ default: m.SchedulesView })),
);

function OnDemand({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="empty">Loading…</p>}>{children}</Suspense>;
}

/** The table takes the width until a task is opened; then the inspector sits beside it. */
function HistoryPage() {
  const open = useTasksStore((s) => s.selectedId !== null);
  return (
    <div className={open ? 'split split-history' : 'split split-history closed'}>
      <HistoryView />
      {open && <TaskDetail />}
    </div>
  );
}

function CurrentView() {
  const view = useRouteStore((s) => s.route.view);
  switch (view) {
    case 'queue':
      return (
        <div className="split">
          <div className="column">
            <Composer />
            <QueueToolbar />
            <QueueList />
          </div>
          <TaskDetail />
        </div>
      );
    case 'history':
      return <HistoryPage />;
    case 'inbox':
      return <InboxView />;
    case 'batches':
      return (
        <OnDemand>
          <BatchesView />
        </OnDemand>
      );
    case 'spend':
      return (
        <OnDemand>
          <SpendView />
        </OnDemand>
      );
    case 'sessions':
      return <SessionsView />;
    case 'environments':
      return (
        <OnDemand>
          <EnvironmentsView />
        </OnDemand>
      );
    case 'schedules':
      return (
        <OnDemand>
          <SchedulesView />
        </OnDemand>
      );
    case 'watches':
      return (
        <OnDemand>
          <WatchesView />
        </OnDemand>
      );
    case 'settings':
      return <SettingsView />;
  }
}

export function App() {
  const loadError = useAppStore((s) => s.loadError);
  const refused = useAppStore((s) => s.connection === 'unauthorized');
  const [help, setHelp] = useState(false);
  const showHelp = useCallback(() => setHelp(true), []);
  useShortcuts(showHelp);
  useEffect(() => {
    applyTheme(useSettingsStore.getState().theme);
    const offRoute = connectRouteStore();
    const offStores = connectStores();
    return () => {
      offRoute();
      offStores();
    };
  }, []);

  if (refused)
    return (
      <div className="app">
        <Header bare />
        <main className="main" tabIndex={-1}>
          <NoAccess />
        </main>
      </div>
    );
  return (
    <div className="app">
      <Header />
      <Notices>
        <QuestionBar />
      </Notices>
      {loadError && (
        <div className="failure" role="alert">
          Cannot reach the WebRun Desk core: {loadError}
        </div>
      )}
      <main className="main" tabIndex={-1}>
        <CurrentView />
      </main>
      <GuardrailModal />
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
      <CommandBar />
      <CompareDialog />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
