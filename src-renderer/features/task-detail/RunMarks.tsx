// Summary rows for what a run belongs to: the watch that ran it (its name, a link to its other
// runs in the history) and the saved template it was started from, with the verdict of that
// template's checks. Names are user text and check details come from web content: text only.
import { useEffect } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { EMPTY_QUERY, formatHash } from '../../stores/route';
import { useTemplatesStore } from '../../stores/templates-store';
import { useWatchNames } from '../history/WatchFilter';
import { VERDICT_CHIP } from '../watches/watch-words';

function WatchRow({ watchId }: { watchId: string }) {
  const names = useWatchNames();
  return (
    <>
      <dt>Watch</dt>
      <dd>
        <a href={formatHash({ view: 'history', history: { ...EMPTY_QUERY, watch: watchId } })}>
          {names.get(watchId) ?? 'a deleted watch'}
        </a>
        <span className="hint"> · see its runs</span>
      </dd>
    </>
  );
}

function TemplateRow({ task }: { task: TaskView & { template: string } }) {
  const verdict = useTemplatesStore((s) => s.verdicts[task.id]);
  const loadVerdict = useTemplatesStore((s) => s.loadVerdict);
  const completed = task.status === 'completed';
  useEffect(() => {
    if (completed) void loadVerdict(task.id);
  }, [completed, task.id, loadVerdict]);
  const detail = verdict?.results.map((r) => `${r.check}: ${r.outcome} (${r.detail})`).join('\n');
  return (
    <>
      <dt>Template</dt>
      <dd aria-label="Template">
        {task.template}
        {completed && (
          <>
            {' · '}
            {verdict ? (
              <span className={`chip ${VERDICT_CHIP[verdict.verdict]}`} title={detail}>
                checks: {verdict.verdict}
              </span>
            ) : (
              <span className="hint">checks: not judged yet</span>
            )}
          </>
        )}
      </dd>
    </>
  );
}

export function RunMarks({ task }: { task: TaskView }) {
  return (
    <>
      {task.watchId && <WatchRow watchId={task.watchId} />}
      {task.template && <TemplateRow task={{ ...task, template: task.template }} />}
    </>
  );
}
