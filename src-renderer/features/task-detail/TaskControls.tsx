// The inspector's actions, always in sight whatever the tab: Pause and Resume share one place,
// so Resume is where the person just pressed Pause; a finished task runs again as it was, or
// after an edit in the composer.
import type { TaskView } from '../../../src-main/contract/index';
import { useDraftStore } from '../../stores/draft-store';
import { useCompareStore } from '../../stores/compare-store';
import { cancelTask, stopTask } from '../../stores/guarded-actions';
import { useTasksStore } from '../../stores/tasks-store';
import { ACTIVE, CANCELLABLE, TERMINAL } from '../../../src-main/contract/task-status';
import { RunAgain } from './RunAgain';

export function TaskControls({ task }: { task: TaskView }) {
  const act = useTasksStore((s) => s.act);
  const runAgain = useDraftStore((s) => s.runAgain);
  const compare = useCompareStore((s) => s.open);
  const live =
    task.status === 'running' || task.status === 'needs_input' || task.status === 'paused';
  return (
    <div className="button-row" role="group" aria-label="Task controls">
      {ACTIVE.has(task.status) &&
        (task.status === 'paused' ? (
          <button type="button" className="small" onClick={() => void act('tasks.resume', task.id)}>
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="small"
            disabled={task.status !== 'running'}
            onClick={() => void act('tasks.pause', task.id)}
          >
            Pause
          </button>
        ))}
      {ACTIVE.has(task.status) && (
        <button
          type="button"
          className="small danger"
          disabled={!live}
          onClick={() => void stopTask(task)}
        >
          Stop
        </button>
      )}
      {TERMINAL.has(task.status) && (
        <button
          type="button"
          className="small"
          onClick={() => runAgain(task)}
          title="Opens the composer with this task's inputs, to edit before running"
        >
          Run again
        </button>
      )}
      {TERMINAL.has(task.status) && <RunAgain task={task} />}
      {task.status === 'completed' && (
        <button
          type="button"
          className="small"
          title="Side by side with the previous completed run of its watch or of the same prompt"
          onClick={() => void compare({ before: task.id, after: null })}
        >
          Compare with previous run
        </button>
      )}
      {CANCELLABLE.has(task.status) && (
        <button type="button" className="small danger" onClick={() => void cancelTask(task)}>
          Cancel task
        </button>
      )}
    </div>
  );
}
