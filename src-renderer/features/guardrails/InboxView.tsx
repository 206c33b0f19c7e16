// Every pending question across tasks, each with its own answer field, so answering one never
// loses what was typed for another.
import { formatTime } from '../../format';
import { useInboxStore } from '../../stores/inbox-store';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { AnswerForm } from './AnswerForm';
import { AssistantMarker, McpApprovals } from './McpApprovals';
import { TimeLeft } from './TimeLeft';
import { WatchAlertsInbox } from '../watches/WatchAlertsInbox';

export function InboxView() {
  const items = useInboxStore((s) => s.items);
  const select = useTasksStore((s) => s.select);
  const go = useRouteStore((s) => s.go);
  const byId = useTasksStore((s) => s.byId);
  return (
    <section className="page" aria-labelledby="inbox-title">
      <h2 id="inbox-title" className="page-title">
        Inbox
      </h2>
      <McpApprovals />
      <WatchAlertsInbox />
      {items.length === 0 ? (
        <p className="empty">
          No questions waiting. When an agent needs input, its question appears here.
        </p>
      ) : (
        <ul className="inbox" aria-label="Questions waiting">
          {items.map((item) => (
            <li key={item.taskId} className="card" aria-label={item.question}>
              <p className="question">{item.question}</p>
              <p className="hint">
                Asked {formatTime(item.askedAt)} by{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    select(item.taskId);
                    go('queue');
                  }}
                >
                  {item.prompt}
                </button>
              </p>
              <AssistantMarker taskId={item.taskId} startedBy={item.startedBy} />
              <TimeLeft expiresAt={byId[item.taskId]?.expiresAt ?? null} />
              <AnswerForm item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
