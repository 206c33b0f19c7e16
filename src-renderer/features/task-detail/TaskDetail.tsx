// The task inspector: a summary that is always visible, then tabs for the result, the live
// stream, network, files, cost and the raw events.
import { useState } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { formatCost, formatTime, formatTokens } from '../../format';
import { useTasksStore } from '../../stores/tasks-store';
import { Tabs, type TabDef } from '../common/Tabs';
import { CANCELLABLE, TERMINAL } from '../../../src-main/contract/task-status';
import { StatusChip } from '../shell/StatusChip';
import { DetailsTab, type DetailsTabId } from './DetailsTab';
import { LiveTab } from './LiveTab';
import { ResultTab } from './ResultTab';

type TabId = 'result' | 'live' | DetailsTabId;
const TABS: TabDef<TabId>[] = [
  { id: 'result', label: 'Result' },
  { id: 'live', label: 'Live' },
  { id: 'network', label: 'Network' },
  { id: 'files', label: 'Files' },
  { id: 'cost', label: 'Cost' },
  { id: 'events', label: 'Events' },
];

function UnknownPanel({ task }: { task: TaskView }) {
  const act = useTasksStore((s) => s.act);
  return (
    <div className="unknown-panel" role="group" aria-label="Unknown outcome">
      <p>
        The request may have reached WebRun, but no answer came back, so the app does not know whether this task ran. It is
        never sent again on its own, because that could pay twice. <strong>Check</strong> asks WebRun about it (when its ids
        are known); <strong>Submit again</strong> starts a new copy.
      </p>
      <div className="button-row">
        <button type="button" className="small" onClick={() => void act('tasks.check', task.id)}>
          Check
        </button>
        <button type="button" className="small" onClick={() => void act('tasks.resubmit', task.id)}>
          Submit again
        </button>
      </div>
    </div>
  );
}

function Summary({ task }: { task: TaskView }) {
  const usage = task.usage;
  return (
    <dl className="usage summary" aria-label="Usage">
      <dt>Cost</dt>
      <dd data-testid="task-cost">
        {formatCost(usage?.cost)}
        {task.costSource === 'estimated' ? ' (estimated)' : ''}
      </dd>
      <dt>Tokens</dt>
      <dd>
        {formatTokens(usage?.promptTokens)} in · {formatTokens(usage?.completionTokens)} out
      </dd>
      <dt>Created</dt>
      <dd>{formatTime(task.createdAt)}</dd>
      {task.sessionId && (
        <>
          <dt>Session</dt>
          <dd>
            <code>{task.sessionId}</code>
          </dd>
        </>
      )}
      {task.currentUrl && (
        <>
          <dt>Current page</dt>
          <dd className="url-cell" aria-label="Current page">
            {task.currentUrl}
          </dd>
        </>
      )}
      {task.options.files.length > 0 && (
        <>
          <dt>Attached files</dt>
          <dd>{task.options.files.length}</dd>
        </>
      )}
      {task.tags.length > 0 && (
        <>
          <dt>Tags</dt>
          <dd>{task.tags.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

export function TaskDetail() {
  const task = useTasksStore((s) => (s.selectedId ? s.byId[s.selectedId] : undefined));
  const act = useTasksStore((s) => s.act);
  const select = useTasksStore((s) => s.select);
  const [tab, setTab] = useState<TabId>('result');
  // A live task opens on its stream and a finished one on its result, unless another tab
  // was chosen (adjusted during render, when the task or its status changes).
  const seen = task ? `${task.id}:${task.status}` : '';
  const [lastSeen, setLastSeen] = useState(seen);
  if (seen !== lastSeen) {
    setLastSeen(seen);
    if (task && (tab === 'result' || tab === 'live')) setTab(task.status === 'running' ? 'live' : 'result');
  }

  if (!task) return <section className="detail empty">Select a task to see its result.</section>;
  return (
    <section className="detail" aria-label="Task detail">
      <header className="detail-header">
        <h2 id="inspector-title" tabIndex={-1}>
          {task.prompt}
        </h2>
        <span role="status" aria-label="Task status">
          <StatusChip status={task.status} />
        </span>
        <button type="button" className="icon-button" aria-label="Close task" onClick={() => select(null)}>
          ×
        </button>
      </header>
      {task.startingUrl && <p className="detail-url">Starting at {task.startingUrl}</p>}
      {task.error && (
        <div className="failure" role="alert">
          <strong>{task.status === 'unknown' ? 'Outcome unknown' : 'Failed'}</strong>
          {task.error.code ? ` (${task.error.code})` : ''}: {task.error.message}
        </div>
      )}
      {task.status === 'unknown' && <UnknownPanel task={task} />}
      <div className="button-row">
        {TERMINAL.has(task.status) && (
          <button type="button" className="small" onClick={() => void act('tasks.retry', task.id)}>
            Run again with the same inputs
          </button>
        )}
        {CANCELLABLE.has(task.status) && (
          <button type="button" className="small danger" onClick={() => void act('tasks.cancel', task.id)}>
            Cancel task
          </button>
        )}
      </div>
      <Summary task={task} />
      <Tabs<TabId> label="Task inspector" tabs={TABS} active={tab} onChange={setTab}>
        {tab === 'result' && <ResultTab task={task} />}
        {tab === 'live' && <LiveTab task={task} />}
        {tab !== 'result' && tab !== 'live' && <DetailsTab tab={tab} task={task} />}
      </Tabs>
    </section>
  );
}
