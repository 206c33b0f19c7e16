// The Events tab: the task's story as a timeline (thoughts, actions, pages, questions and who
// answered them, the cost at each point, the wait between steps), a scrubber that replays a
// finished task from the stored events (nothing is asked of WebRun), and the raw JSON.
import { useEffect, useState } from 'react';
import type { TaskDetails, TaskView } from '../../../src-main/contract/index';
import { TERMINAL } from '../../../src-main/contract/task-status';
import { formatUsd, formatDuration } from '../../format';
import { useActivityStore } from '../../stores/activity-store';
import { CostBadge } from '../common/CostBadge';
import { KIND_LABEL } from './StoryList';
import { formatGap, timelineRows } from './timeline';
import { useReplay } from './useReplay';

const EMPTY: never[] = [];

export function EventsTab({ details, task }: { details: TaskDetails; task: TaskView }) {
  const lines = useActivityStore((s) => s.byTask[task.id] ?? EMPTY);
  const load = useActivityStore((s) => s.load);
  const [raw, setRaw] = useState(false);
  const { id, updatedAt } = task;
  useEffect(() => {
    const timer = setTimeout(() => void load(id), 0);
    return () => clearTimeout(timer);
  }, [id, updatedAt, load]);
  const rows = timelineRows(lines);
  const finished = TERMINAL.has(task.status);
  const replay = useReplay(rows.length, finished);
  const shown = replay.position === null ? rows : rows.slice(0, replay.position + 1);
  const at = shown.at(-1);

  return (
    <div className="timeline-tab">
      <div className="button-row">
        <button type="button" className="small" aria-pressed={raw} onClick={() => setRaw(!raw)}>
          {raw ? 'Show the timeline' : 'Show raw JSON'}
        </button>
      </div>
      {raw ? (
        details.events.length === 0 ? (
          <p className="empty">No events recorded.</p>
        ) : (
          <pre className="raw" aria-label="Raw events">
            {JSON.stringify(details.events, null, 2)}
          </pre>
        )
      ) : rows.length === 0 ? (
        <p className="empty">No steps recorded yet.</p>
      ) : (
        <>
          {finished && (
            <div className="scrubber" role="group" aria-label="Replay">
              <button type="button" className="small" onClick={replay.toggle}>
                {replay.playing ? 'Pause replay' : 'Replay'}
              </button>
              <input
                type="range"
                aria-label="Replay position"
                min={0}
                max={rows.length - 1}
                value={replay.position ?? rows.length - 1}
                onChange={(e) => replay.seek(Number(e.target.value))}
              />
              <span role="status" aria-label="Replay step">
                Step {shown.length} of {rows.length}
                {at
                  ? ` · ${formatDuration(at.sinceStart)} in · ${formatUsd(at.line.cost)} so far`
                  : ''}
              </span>
            </div>
          )}
          <table className="timeline" aria-label="Timeline">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Since previous</th>
                <th scope="col">Step</th>
                <th scope="col">What happened</th>
                <th scope="col">Cost so far</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ line, gap }, i) => (
                <tr key={i} className={`timeline-${line.kind}`}>
                  <td>
                    <time dateTime={new Date(line.at).toISOString()}>
                      {new Date(line.at).toLocaleTimeString()}
                    </time>
                  </td>
                  <td className="num">{gap === null ? 'start' : formatGap(gap)}</td>
                  <td>
                    <span className="activity-kind">{KIND_LABEL[line.kind]}</span>
                  </td>
                  <td className="timeline-text">
                    {line.kind === 'page' ? (
                      <span className="url-cell">{line.text}</span>
                    ) : (
                      line.text
                    )}
                  </td>
                  <td className="num">
                    <CostBadge
                      cost={line.cost ?? null}
                      source={
                        line.cost === null || line.cost === undefined ? null : task.costSource
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
