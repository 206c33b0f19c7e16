// The task inspector: a summary that is always visible, then tabs for the result, the live
// stream, network, files, cost and the raw events.
import { useRef, useState } from 'react';
import type { TaskStatus, TaskView } from '../../../src-main/contract/index';
import { formatUsd, formatTime, formatTokens } from '../../format';
import { useTasksStore } from '../../stores/tasks-store';
import { Tabs, type TabDef } from '../common/Tabs';
import { useFocusRescue } from '../common/useFocusRescue';
import { ACTIVE } from '../../../src-main/contract/task-status';
import { useHold } from '../queue/useHold';
import { TimeLeft } from '../guardrails/TimeLeft';
import { StatusChip } from '../shell/StatusChip';
import { AnomalyFlag } from '../money/AnomalyFlag';
import { DetailsTab, type DetailsTabId } from './DetailsTab';
import { LiveTab } from './LiveTab';
import { TaskOrigin } from './RunAgain';
import { ResultTab } from './ResultTab';
import { RunMarks } from './RunMarks';
import { TaskControls } from './TaskControls';

type TabId = 'result' | 'live' | DetailsTabId;
const TABS: TabDef<TabId>[] = [
  { id: 'result', label: 'Result' },
  { id: 'live', label: 'Live' },
  { id: 'network', label: 'Network' },
  { id: 'files', label: 'Files' },
  { id: 'cost', label: 'Cost' },
  { id: 'events', label: 'Events' },
];

/** How an ended task's reason is introduced: a stop or a cancel is not a failure. */
const ERROR_TITLE: Partial<Record<TaskStatus, string>> = {
  unknown: 'Outcome unknown',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
};

function UnknownPanel({ task }: { task: TaskView }) {
  const act = useTasksStore((s) => s.act);
  return (
    <div className="unknown-panel" role="group" aria-label="Unknown outcome">
      <p>
        The request may have reached WebRun, but no answer came back, so the app does not know
        whether this task ran. It is never sent again on its own, because that could pay twice.{' '}
        <strong>Check</strong> asks WebRun about it (when its ids are known);{' '}
        <strong>Submit again</strong> starts a new copy.
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
      <dd>
        {usage?.cost == null ? (
          <span className="cost unknown">unknown</span>
        ) : (
          <>
            <span data-testid="task-cost">{formatUsd(usage.cost)}</span>
            {task.costSource && (
              <span className="cost-source">
                {' '}
                {task.costSource === 'reported' ? 'reported' : 'estimated from tokens'}
              </span>
            )}
          </>
        )}
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
      <TaskOrigin task={task} />
      <RunMarks task={task} />
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

type Phase = 'waiting' | 'live' | 'ended';
const phaseOf = (status: TaskStatus): Phase =>
  status === 'queued' || status === 'submitting'
    ? 'waiting'
    : ACTIVE.has(status)
      ? 'live'
      : 'ended';

export function TaskDetail() {
  const task = useTasksStore((s) => (s.selectedId ? s.byId[s.selectedId] : undefined));
  const select = useTasksStore((s) => s.select);
  const hold = useHold(task);
  const [tab, setTab] = useState<TabId>('result');
  // Stop, Pause… vanish as the task moves on: the focus they had goes to the title.
  const area = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusRescue(area, title, task ? `${task.id}:${task.status}` : null);
  // Another task opens on its stream while it is live and on its result otherwise. The same
  // task moves from Result to Live when it starts and from Live to Result when it ends, but a
  // pause or a question keeps the tab the person is on (adjusted during render).
  const seen = task ? `${task.id}:${phaseOf(task.status)}` : '';
  const [lastSeen, setLastSeen] = useState(seen);
  if (seen !== lastSeen) {
    const sameTask = task !== undefined && lastSeen.startsWith(`${task.id}:`);
    setLastSeen(seen);
    if (task && (tab === 'result' || tab === 'live')) {
      const phase = phaseOf(task.status);
      if (!sameTask) setTab(phase === 'live' ? 'live' : 'result');
      else if (phase === 'live' && tab === 'result') setTab('live');
      else if (phase === 'ended' && tab === 'live') setTab('result');
    }
  }

  if (!task) return <section className="detail empty">Select a task to see its result.</section>;
  return (
    <section className="detail" aria-label="Task detail" ref={area}>
      <header className="detail-header">
        <h2 id="inspector-title" tabIndex={-1} dir="auto" ref={title}>
          {task.prompt}
        </h2>
        <span role="status" aria-label="Task status">
          <StatusChip status={task.status} />
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label="Close task"
          onClick={() => select(null)}
        >
          ×
        </button>
      </header>
      {task.startingUrl && <p className="detail-url">Starting at {task.startingUrl}</p>}
      {task.expiresAt !== null && (
        <p className="detail-url">
          <TimeLeft expiresAt={task.expiresAt} />
        </p>
      )}
      {task.error && (
        <div className="failure" role="alert">
          <strong>{ERROR_TITLE[task.status] ?? 'Failed'}</strong>
          {task.error.code ? ` (${task.error.code})` : ''}: {task.error.message}
        </div>
      )}
      {task.status === 'unknown' && <UnknownPanel task={task} />}
      <AnomalyFlag task={task} />
      {hold && (
        <p className="hold-reason" role="status" aria-label="Why it waits">
          {hold.text}
        </p>
      )}
      <TaskControls task={task} />
      <Summary task={task} />
      <Tabs<TabId> label="Task inspector" tabs={TABS} active={tab} onChange={setTab}>
        {tab === 'result' && <ResultTab task={task} />}
        {tab === 'live' && <LiveTab task={task} />}
        {tab !== 'result' && tab !== 'live' && <DetailsTab tab={tab} task={task} />}
      </Tabs>
    </section>
  );
}
