// A non-blocking line under the header while questions wait and the dialog is closed: it never
// takes focus, so a person typing a prompt keeps typing; A (or the button) opens the dialog.
import { useInboxStore } from '../../stores/inbox-store';
import { useQuestionStore } from '../../stores/question-store';
import { useTasksStore } from '../../stores/tasks-store';
import { TimeLeft } from './TimeLeft';

export function QuestionBar() {
  const items = useInboxStore((s) => s.items);
  const open = useQuestionStore((s) => s.open);
  const request = useQuestionStore((s) => s.request);
  const byId = useTasksStore((s) => s.byId);
  if (items.length === 0 || open) return null;
  const n = items.length;
  // The question closest to its end decides how urgent the bar looks.
  const soonest = items
    .map((i) => byId[i.taskId]?.expiresAt ?? null)
    .reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null);
  return (
    // An alert: a question is announced at once (assertively), yet it never takes the focus.
    <div className="question-bar" role="alert" aria-label="Questions waiting">
      <span>
        {n} task{n === 1 ? ' needs' : 's need'} your answer
      </span>
      <TimeLeft expiresAt={soonest} compact />
      <button type="button" className="small primary" onClick={request} aria-keyshortcuts="A">
        Answer (A)
      </button>
    </div>
  );
}
