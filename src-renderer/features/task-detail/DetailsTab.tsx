// The tabs that need tasks.details: fetched when shown, and again (at most once a second)
// while the task keeps changing.
import { lazy, Suspense, useEffect } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { useDetailsStore } from '../../stores/details-store';
import { EventsTab } from './EventsTab';
import { FilesTab } from './FilesTab';
import { NetworkTab } from './NetworkTab';
import { FormError } from '../common/FormError';

// The charts library is most of the bundle: loaded when the Cost tab is first opened.
const CostTab = lazy(() => import('./CostTab').then((m) => ({ default: m.CostTab })));

export type DetailsTabId = 'network' | 'files' | 'cost' | 'events';

export function DetailsTab({ tab, task }: { tab: DetailsTabId; task: TaskView }) {
  const details = useDetailsStore((s) => (s.taskId === task.id ? s.details : null));
  const error = useDetailsStore((s) => (s.taskId === task.id ? s.error : null));
  const load = useDetailsStore((s) => s.load);
  const { id, updatedAt } = task;
  useEffect(() => {
    const timer = setTimeout(() => void load(id), 0);
    return () => clearTimeout(timer);
  }, [id, load]);
  useEffect(() => {
    const timer = setTimeout(() => void load(id), 1000);
    return () => clearTimeout(timer);
  }, [id, updatedAt, load]);

  if (error) return <FormError>Could not load the task’s details: {error}</FormError>;
  if (!details) return <p className="empty">Loading…</p>;
  switch (tab) {
    case 'network':
      return <NetworkTab details={details} taskId={task.id} />;
    case 'files':
      return <FilesTab details={details} taskId={task.id} />;
    case 'cost':
      return (
        <Suspense fallback={<p className="empty">Loading the chart…</p>}>
          <CostTab details={details} />
        </Suspense>
      );
    case 'events':
      return <EventsTab details={details} task={task} />;
  }
}
