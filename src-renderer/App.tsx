import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { BatchesView } from './features/batches/BatchesView';
import { CommandBar } from './features/command-bar/CommandBar';
import { ConfirmDialog } from './features/common/ConfirmDialog';
import { Composer } from './features/composer/Composer';
import { GuardrailModal } from './features/guardrails/GuardrailModal';
import { InboxView } from './features/guardrails/InboxView';
import { QuestionBar } from './features/guardrails/QuestionBar';
import { HistoryView } from './features/history/HistoryView';
import { QueueList } from './features/queue/QueueList';
import { QueueToolbar } from './features/queue/QueueToolbar';
import { EnvironmentsView } from './features/environments/EnvironmentsView';
import { SchedulesView } from './features/schedules/SchedulesView';
import { SessionsView } from './features/sessions/SessionsView';
import { SettingsView } from './features/settings/SettingsView';
import { Header } from './features/shell/Header';
import { Notices } from './features/shell/Notices';
import { NoAccess } from './features/shell/NoAccess';
import { ShortcutsDialog } from './features/shell/ShortcutsDialog';
import { Toasts } from './features/shell/Toasts';
import { useShortcuts } from './features/shell/useShortcuts';
import { TaskDetail } from './features/task-detail/TaskDetail';
import { useAppStore } from './stores/app-store';
import { connectStores } from './stores/connect';
import { connectRouteStore, useRouteStore } from './stores/route-store';
import { applyTheme, useSettingsStore } from './stores/settings-store';
import { useTasksStore } from './stores/tasks-store';

// The charts library is most of the bundle: loaded when a chart is first shown.
const SpendView = lazy(() =>
  import('./features/spend/SpendView').then((m) => ({ default: m.SpendView })),
);

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
      return <BatchesView />;
    case 'spend':
      return (
        <Suspense fallback={<p className="empty">Loading…</p>}>
          <SpendView />
        </Suspense>
      );
    case 'sessions':
      return <SessionsView />;
    case 'environments':
      return <EnvironmentsView />;
    case 'schedules':
      return <SchedulesView />;
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
        <main className="main">
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
      <main className="main">
        <CurrentView />
      </main>
      <GuardrailModal />
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
      <CommandBar />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
