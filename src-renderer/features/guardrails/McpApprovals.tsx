// Tasks AI assistants asked for that wait for the person's approval (Settings → AI assistants):
// nothing is sent to WebRun until "Approve"; "Reject" tells the assistant no.
import { formatTime, formatUsd } from '../../format';
import { useMcpStore } from '../../stores/mcp-store';
import { useTasksStore } from '../../stores/tasks-store';

/** "Started by Claude Desktop": the assistant behind a task, from the inbox item or its tag. */
export function AssistantMarker({
  taskId,
  startedBy,
}: {
  taskId: string;
  startedBy?: string | null;
}) {
  const tags = useTasksStore((s) => s.byId[taskId]?.tags);
  const name =
    startedBy ??
    tags
      ?.find((t) => t.startsWith('mcp:'))
      ?.slice(4)
      .replace(/-/g, ' ');
  if (!name) return null;
  return (
    <p className="hint assistant-marker" aria-label="Started by an AI assistant">
      <span className="badge">AI assistant</span> Started by {name}
    </p>
  );
}

export function McpApprovals() {
  const approvals = useMcpStore((s) => s.approvals);
  const deciding = useMcpStore((s) => s.deciding);
  const decide = useMcpStore((s) => s.decide);
  if (approvals.length === 0) return null;
  return (
    <section aria-labelledby="approvals-title">
      <h3 id="approvals-title">Waiting for your approval</h3>
      <ul className="inbox" aria-label="Tasks waiting for approval">
        {approvals.map((a) => (
          <li key={a.id} className="card" aria-label={`Approve: ${a.prompt}`}>
            <p className="question">{a.prompt}</p>
            <p className="hint">
              <span className="badge">AI assistant</span> {a.client} asked {formatTime(a.createdAt)}
              {a.startingUrl ? ` · starts at ${a.startingUrl}` : ''}
              {a.costCap !== null ? ` · may cost up to ${formatUsd(a.costCap)}` : ''}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="primary"
                disabled={Boolean(deciding[a.id])}
                onClick={() => void decide(a.id, true)}
              >
                Approve
              </button>
              <button
                type="button"
                className="danger"
                disabled={Boolean(deciding[a.id])}
                onClick={() => void decide(a.id, false)}
              >
                Reject
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
