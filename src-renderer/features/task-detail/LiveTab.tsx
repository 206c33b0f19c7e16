// The agent's narrative: what was said so far is loaded from the core when the tab opens,
// then streamed lines are appended; with the controls for a running task.
import { useEffect } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { useActivityStore } from '../../stores/activity-store';
import { stopTask } from '../../stores/guarded-actions';
import { useTasksStore } from '../../stores/tasks-store';
import { toastInfo } from '../../stores/toast-store';

const EMPTY: never[] = [];

export function LiveTab({ task }: { task: TaskView }) {
  const lines = useActivityStore((s) => s.byTask[task.id] ?? EMPTY);
  const loading = useActivityStore((s) => Boolean(s.loading[task.id]));
  const loadActivity = useActivityStore((s) => s.load);
  const taskId = task.id;
  useEffect(() => {
    void loadActivity(taskId);
  }, [taskId, loadActivity]);
  const act = useTasksStore((s) => s.act);
  const takeOver = useTasksStore((s) => s.takeOver);
  const release = useTasksStore((s) => s.release);
  const live = ['running', 'needs_input', 'paused'].includes(task.status);

  async function onTakeOver(): Promise<void> {
    const url = await takeOver(task.id);
    if (url) window.open(url, '_blank', 'noopener');
    else toastInfo('You have control; WebRun gave no live-view address for this session.');
  }

  return (
    <div className="live-tab">
      <div className="button-row" role="group" aria-label="Task controls">
        <button type="button" className="small" disabled={task.status !== 'running'} onClick={() => void act('tasks.pause', task.id)}>
          Pause
        </button>
        <button type="button" className="small" disabled={task.status !== 'paused'} onClick={() => void act('tasks.resume', task.id)}>
          Resume
        </button>
        <button type="button" className="small danger" disabled={!live} onClick={() => void stopTask(task)}>
          Stop
        </button>
        <button type="button" className="small" disabled={!live} onClick={() => void onTakeOver()}>
          Take over
        </button>
        <button type="button" className="small" disabled={!live} onClick={() => void release(task.id)}>
          Release
        </button>
      </div>
      <p className="latest" aria-label="Latest activity">
        {task.lastActivity ?? (live ? 'Waiting for the agent…' : 'No activity recorded.')}
      </p>
      {lines.length === 0 ? (
        <p className="empty">{loading ? 'Loading…' : live ? 'The agent’s thoughts and actions appear here as they stream.' : 'The agent reported no thoughts or actions; see Events for the stored timeline.'}</p>
      ) : (
        <ol className="activity" aria-label="Activity" aria-live="polite">
          {lines.map((line, i) => (
            <li key={i} className={`activity-${line.kind}`}>
              <time>{new Date(line.at).toLocaleTimeString()}</time> <span className="activity-kind">{line.kind}</span> {line.text}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
