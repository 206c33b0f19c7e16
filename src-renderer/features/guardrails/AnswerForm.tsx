// One answer to one question. The text lives only in this field's state: it goes straight to
// the core and is cleared once sent, never copied into a store.
import { useId, useState, type FormEvent } from 'react';
import type { InboxItem } from '../../../src-main/contract/index';
import { stopQuestion } from '../../stores/guarded-actions';
import { useInboxStore } from '../../stores/inbox-store';
import { useTasksStore } from '../../stores/tasks-store';
import { toastInfo } from '../../stores/toast-store';
import { describedBy, FormError } from '../common/FormError';
import { webPageHref } from '../common/safe-links';

const SECRET =
  /log ?in|password|passcode|credential|2fa|two[- ]factor|otp|one[- ]time|\bcode\b|\bpin\b/i;

/** A question asking for credentials gets a password-style field. */
export function asksForSecret(question: string): boolean {
  return SECRET.test(question);
}

export function AnswerForm({
  item,
  autoFocus = false,
  onDone,
}: {
  item: InboxItem;
  autoFocus?: boolean;
  onDone?(): void;
}) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sending = useInboxStore((s) => Boolean(s.sending[item.taskId]));
  const send = useInboxStore((s) => s.answer);
  const takeOver = useTasksStore((s) => s.takeOver);
  const id = useId();

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (answer.trim() === '') {
      setError('Type an answer, or stop the task instead.');
      return;
    }
    setError(null);
    const text = answer;
    // Cleared at once: the answer should not stay on screen while it is being sent.
    setAnswer('');
    if (await send(item.taskId, text)) onDone?.();
  }

  async function onTakeOver(): Promise<void> {
    const url = webPageHref(await takeOver(item.taskId));
    if (url) window.open(url, '_blank', 'noopener');
    else toastInfo('You have control; WebRun gave no live-view address for this session.');
  }

  return (
    <form className="answer-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <label htmlFor={id}>Your answer</label>
      <input
        id={id}
        type={asksForSecret(item.question) ? 'password' : 'text'}
        autoComplete="off"
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        autoFocus={autoFocus}
        disabled={sending}
        {...describedBy(`${id}-error`, error)}
      />
      <FormError id={`${id}-error`}>{error}</FormError>
      <div className="button-row">
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Sending…' : 'Send answer'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            void stopQuestion(item).then((stopped) => {
              if (stopped) onDone?.();
            })
          }
        >
          Stop task
        </button>
        <button type="button" onClick={() => void onTakeOver()}>
          Take over
        </button>
      </div>
    </form>
  );
}
