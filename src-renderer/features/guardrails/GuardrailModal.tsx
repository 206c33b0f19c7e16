// When a task stops to ask something, a modal puts the question in front of the person. Esc
// (or "Later") closes it without answering; the question stays in the inbox.
import { useState } from 'react';
import { useInboxStore } from '../../stores/inbox-store';
import { useTasksStore } from '../../stores/tasks-store';
import { Modal } from '../common/Modal';
import { AnswerForm } from './AnswerForm';
import { AssistantMarker } from './McpApprovals';

export function GuardrailModal() {
  const items = useInboxStore((s) => s.items);
  const byId = useTasksStore((s) => s.byId);
  const [dismissed, setDismissed] = useState<Record<string, true>>({});
  const item = items.find((i) => !dismissed[`${i.taskId}:${i.askedAt}`]);
  if (!item) return null;
  const key = `${item.taskId}:${item.askedAt}`;
  const dismiss = (): void => setDismissed((d) => ({ ...d, [key]: true }));
  const task = byId[item.taskId];
  const startingUrl = task?.startingUrl;
  const currentUrl = task?.currentUrl;
  const others = items.length - 1;
  return (
    // Keyed by question, so a new question gets a fresh dialog and a fresh, empty field.
    <Modal key={key} title="The agent has a question" onClose={dismiss} className="guardrail-modal">
      <p className="question" aria-label="Question">
        {item.question}
      </p>
      <p className="hint">
        Task: <span className="prompt-quote">{item.prompt}</span>
        {startingUrl ? ` · started at ${startingUrl}` : ''}
      </p>
      {currentUrl && (
        <p className="hint url-cell" aria-label="Current page">
          Now on {currentUrl}
        </p>
      )}
      <AssistantMarker taskId={item.taskId} startedBy={item.startedBy} />
      <AnswerForm item={item} autoFocus />
      <div className="modal-actions">
        {others > 0 && <span className="hint">{others} more waiting in the inbox</span>}
        <button type="button" onClick={dismiss}>
          Later
        </button>
      </div>
    </Modal>
  );
}
