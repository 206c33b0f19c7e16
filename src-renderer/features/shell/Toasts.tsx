import { useToastStore } from '../../stores/toast-store';
import { useUndoStore } from '../../stores/undo-store';

export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  const undoable = useUndoStore((s) => s.items);
  const undo = useUndoStore((s) => s.undo);
  const expire = useUndoStore((s) => s.expire);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{toast.message}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss notification"
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
      {undoable.map((item) => (
        // A status, never focused: Undo is a click, Tab away, or Ctrl/Cmd+Z outside a field.
        <div key={item.id} className="toast toast-undo" role="status">
          <span>{item.message}</span>
          <button
            type="button"
            className="small"
            aria-keyshortcuts="Control+Z"
            onClick={() => void undo(item.id)}
          >
            Undo
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss notification"
            onClick={() => expire(item.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
