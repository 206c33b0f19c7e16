// When a task stops to ask something, a modal puts the question in front of the person, but
// only when that cannot steal their typing: it opens on its own only while no field has focus,
// otherwise the question waits in the QuestionBar until they open it. Esc (or "Later") closes
// it without answering; the question stays in the inbox.
import { useEffect, useRef } from 'react';
import { useInboxStore } from '../../stores/inbox-store';
import { questionKey, typingInField, useQuestionStore } from '../../stores/question-store';
import { useTasksStore } from '../../stores/tasks-store';
import { Modal } from '../common/Modal';
import { AnswerForm } from './AnswerForm';
import { AssistantMarker } from './McpApprovals';
import { TimeLeft } from './TimeLeft';

/** Opens the dialog for a question that arrives while nobody is typing. */
function useAutoOpen(): void {
  const items = useInboxStore((s) => s.items);
  const seen = useRef<Set<string>>(new Set());
  useEffect(() => {
    let fresh = false;
    for (const item of items) {
      const key = questionKey(item);
      if (!seen.current.has(key)) fresh = true;
      seen.current.add(key);
    }
    // Nor over another dialog (a confirmation, the command bar): the person is busy with it.
    if (fresh && !typingInField() && !document.querySelector('dialog[open]'))
      useQuestionStore.getState().autoOpen();
  }, [items]);
}

/**
 * Opened from the question bar, whose button is gone once the last question is answered: the
 * focus goes to the next question's bar if one waits, else to the task open beside the queue,
 * else the composer.
 */
function questionFocusBack(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('.question-bar button') ??
    document.getElementById('inspector-title') ??
    document.getElementById('prompt')
  );
}

export function GuardrailModal() {
  useAutoOpen();
  const items = useInboxStore((s) => s.items);
  const byId = useTasksStore((s) => s.byId);
  const { open, dismissed, dismiss, close } = useQuestionStore();
  const item = items.find((i) => !dismissed[questionKey(i)]);
  useEffect(() => {
    if (open && !item) close();
  }, [open, item, close]);
  if (!open || !item) return null;
  const key = questionKey(item);
  const task = byId[item.taskId];
  const startingUrl = task?.startingUrl;
  const currentUrl = task?.currentUrl;
  const others = items.length - 1;
  return (
    // Keyed by question, so a new question gets a fresh dialog and a fresh, empty field.
    <Modal
      key={key}
      title="The agent has a question"
      onClose={() => dismiss(key)}
      className="guardrail-modal"
      fallbackFocus={questionFocusBack}
    >
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
      <TimeLeft expiresAt={task?.expiresAt ?? null} />
      <AnswerForm item={item} autoFocus />
      <div className="modal-actions">
        {others > 0 && <span className="hint">{others} more waiting in the inbox</span>}
        <button type="button" onClick={() => dismiss(key)}>
          Later
        </button>
      </div>
    </Modal>
  );
}
