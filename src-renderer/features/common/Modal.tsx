// A modal dialog on the native <dialog> (showModal makes the page behind it inert), with Tab
// kept inside it and focus given back to where it was when it closes, or, when that control is
// gone (the question bar's button once its last question is answered), to the dialog's
// fallback or the main area: never to nothing, which leaves a keyboard user at the page's top.
// Esc calls onClose.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  /** 'alertdialog' for a question that must be answered before going on (a confirmation). */
  role?: 'dialog' | 'alertdialog';
  /** The id of the text that describes the dialog, read after its name. */
  describedBy?: string;
  /** Where the focus goes on close when the control that had it before is gone. */
  fallbackFocus?: () => HTMLElement | null;
}

/** The control to give the focus back to: the one that had it, if it is still there. */
function focusBack(previous: HTMLElement | null, fallback?: () => HTMLElement | null): void {
  if (previous && previous.isConnected && previous !== document.body) return previous.focus();
  const target = fallback?.() ?? document.querySelector<HTMLElement>('main');
  target?.focus();
}

export function Modal({
  title,
  onClose,
  children,
  className = '',
  role,
  describedBy,
  fallbackFocus,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Read at close time, so the latest fallback (its closure) is the one used.
  const fallbackRef = useRef(fallbackFocus);
  useEffect(() => {
    fallbackRef.current = fallbackFocus;
  });
  useEffect(() => {
    const dialog = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      focusBack(previous, fallbackRef.current);
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void {
    if (event.key !== 'Tab') return;
    const items = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className={`modal ${className}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      role={role}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Esc: close through React state so the dialog is not left half-closed.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
