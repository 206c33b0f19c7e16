// Where a task ran (its environment, the schedule it came from) and "Run again with the same
// inputs", in the environment the task used or another one picked here.
import { useState } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { EMPTY_QUERY, formatHash } from '../../stores/route';
import { useTasksStore } from '../../stores/tasks-store';
import { EnvironmentPicker } from '../environments/EnvironmentPicker';

export function RunAgain({ task }: { task: TaskView }) {
  const runAgain = useTasksStore((s) => s.runAgain);
  const [environmentId, setEnvironmentId] = useState(task.environmentId ?? '');
  return (
    <span className="run-again">
      <button type="button" className="small" onClick={() => void runAgain(task.id, environmentId)}>
        Run again with the same inputs
      </button>
      <EnvironmentPicker value={environmentId} onChange={setEnvironmentId} label="in environment" />
    </span>
  );
}

/** Summary rows: the environment a task used and, for a schedule's run, a link to its runs. */
export function TaskOrigin({ task }: { task: TaskView }) {
  const environment = useEnvironmentsStore((s) =>
    s.environments.find((e) => e.id === task.environmentId),
  );
  return (
    <>
      {task.environmentId && (
        <>
          <dt>Environment</dt>
          <dd aria-label="Environment">{environment?.name ?? task.environmentId}</dd>
        </>
      )}
      {task.triggerId && (
        <>
          <dt>Schedule</dt>
          <dd>
            <a
              href={formatHash({
                view: 'history',
                history: { ...EMPTY_QUERY, trigger: task.triggerId },
              })}
            >
              a run of a schedule; see its other runs
            </a>
          </dd>
        </>
      )}
    </>
  );
}
