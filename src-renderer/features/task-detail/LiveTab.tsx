// The task's story: told from the store when the tab opens and again at each change of status
// (so transitions, questions and answers are in it), with the agent's streamed lines appended
// between. Pause, Resume and Stop are the inspector's (TaskControls), in sight on every tab;
// Take over and Release sit beside the live browser.
import { useEffect, useMemo } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { HAS_REMOTE_IDS } from '../../../src-main/contract/task-status';
import { useActivityStore } from '../../stores/activity-store';
import { LiveBrowser } from './LiveBrowser';
import { StoryList } from './StoryList';

const EMPTY: never[] = [];

export function LiveTab({ task }: { task: TaskView }) {
  const all = useActivityStore((s) => s.byTask[task.id] ?? EMPTY);
  // Pages are in the Events timeline and the Network tab; here they would drown the steps.
  const lines = useMemo(() => all.filter((l) => l.kind !== 'page'), [all]);
  const loading = useActivityStore((s) => Boolean(s.loading[task.id]));
  const loadActivity = useActivityStore((s) => s.load);
  const taskId = task.id;
  const status = task.status;
  useEffect(() => {
    void loadActivity(taskId);
  }, [taskId, status, loadActivity]);
  const live = HAS_REMOTE_IDS.has(task.status);

  return (
    <div className="live-tab">
      <div className="live-columns">
        <LiveBrowser task={task} />
        <section className="live-story" aria-label="Step story">
          {lines.length === 0 ? (
            <p className="empty">
              {loading
                ? 'Loading…'
                : live
                  ? 'Waiting for the agent: its thoughts and actions appear here as they stream.'
                  : 'Nothing was recorded for this task.'}
            </p>
          ) : (
            <StoryList lines={lines} />
          )}
        </section>
      </div>
    </div>
  );
}
