// The confirmation asked through confirm-store: the safe choice has the focus, so Enter or
// Esc keeps things as they are, and only Enter on (or a click of) the confirm button goes on.
// Modal keeps Tab inside and gives the focus back to the button that asked.
import { useEffect, useId, useRef } from 'react';
import { isEnded } from '../../../src-main/contract/task-status';
import { useConfirmStore, type ConfirmRequest } from '../../stores/confirm-store';
import { endedMeanwhile, stopRequest } from '../../stores/loss-text';
import { useTasksStore } from '../../stores/tasks-store';
import { Modal } from './Modal';

/** A request about a task, redrawn from the task as it is now (its cost, or its end). */
function useCurrent(request: ConfirmRequest | null): {
  shown: ConfirmRequest | null;
  ended: boolean;
} {
  const task = useTasksStore((s) => (request?.about ? s.byId[request.about.taskId] : undefined));
  if (!request?.about || !task) return { shown: request, ended: false };
  if (isEnded(task.status)) return { shown: endedMeanwhile(task), ended: true };
  return { shown: stopRequest(task, request.about.verb), ended: false };
}

export function ConfirmDialog() {
  const pending = useConfirmStore((s) => s.pending);
  const answer = useConfirmStore((s) => s.answer);
  const bodyId = useId();
  const { shown, ended } = useCurrent(pending);
  const keepRef = useRef<HTMLButtonElement>(null);
  // The confirm button goes when the task ends: the focus must not fall out of the dialog.
  useEffect(() => {
    if (ended) keepRef.current?.focus();
  }, [ended]);
  if (!pending || !shown) return null;
  return (
    <Modal
      key={pending.seq}
      title={shown.title}
      onClose={() => answer(false)}
      role="alertdialog"
      describedBy={bodyId}
      className="confirm-modal"
    >
      <div id={bodyId}>
        {shown.body.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <div className="modal-actions">
        <button type="button" ref={keepRef} onClick={() => answer(false)} autoFocus>
          {shown.keepLabel}
        </button>
        {/* Once the task has ended there is nothing to confirm: Close is the only answer. */}
        {!ended && (
          <button type="button" className="danger" onClick={() => answer(true)}>
            {shown.confirmLabel}
          </button>
        )}
      </div>
    </Modal>
  );
}
