// The confirmation asked through confirm-store: the safe choice has the focus, so Enter or
// Esc keeps things as they are, and only Enter on (or a click of) the confirm button goes on.
// Modal keeps Tab inside and gives the focus back to the button that asked.
import { useId } from 'react';
import { useConfirmStore } from '../../stores/confirm-store';
import { Modal } from './Modal';

export function ConfirmDialog() {
  const pending = useConfirmStore((s) => s.pending);
  const answer = useConfirmStore((s) => s.answer);
  const bodyId = useId();
  if (!pending) return null;
  return (
    <Modal
      key={pending.seq}
      title={pending.title}
      onClose={() => answer(false)}
      role="alertdialog"
      describedBy={bodyId}
      className="confirm-modal"
    >
      <div id={bodyId}>
        {pending.body.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={() => answer(false)} autoFocus>
          {pending.keepLabel}
        </button>
        <button type="button" className="danger" onClick={() => answer(true)}>
          {pending.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
