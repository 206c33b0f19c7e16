import { useEffect } from 'react';
import { Composer } from './features/composer/Composer';
import { QueueList } from './features/queue/QueueList';
import { Header, SandboxNotice } from './features/shell/Header';
import { TaskDetail } from './features/task-detail/TaskDetail';
import { connectAppStore, useAppStore } from './stores/app-store';
import { connectTasksStore, useTasksStore } from './stores/tasks-store';

export function App() {
  const loadError = useAppStore((s) => s.loadError);
  useEffect(() => {
    const offApp = connectAppStore();
    const offTasks = connectTasksStore();
    void useAppStore.getState().load();
    void useTasksStore.getState().load();
    return () => {
      offApp();
      offTasks();
    };
  }, []);

  return (
    <div className="app">
      <Header />
      <SandboxNotice />
      {loadError && (
        <div className="failure" role="alert">
          Cannot reach the WebRun Desk core: {loadError}
        </div>
      )}
      <main className="layout">
        <div className="column">
          <Composer />
          <h2 className="section-title">Queue</h2>
          <QueueList />
        </div>
        <TaskDetail />
      </main>
    </div>
  );
}
