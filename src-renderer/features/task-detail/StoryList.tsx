// The task's story as a list: each step once, from the first, newest at the bottom.
import type { TaskActivity } from '../../../src-main/contract/index';

export const KIND_LABEL: Record<TaskActivity['kind'], string> = {
  agent: 'Thought',
  action: 'Action',
  status: 'Status',
  error: 'Error',
  session: 'Session',
  transition: 'Task',
  question: 'Question',
  answer: 'Answer',
  control: 'Control',
  page: 'Page',
};

export function StoryList({ lines }: { lines: readonly TaskActivity[] }) {
  return (
    <ol className="activity story" aria-label="Activity" aria-live="polite">
      {lines.map((line, i) => (
        <li key={i} className={`activity-${line.kind}`}>
          <time dateTime={new Date(line.at).toISOString()}>
            {new Date(line.at).toLocaleTimeString()}
          </time>{' '}
          <span className="activity-kind">{KIND_LABEL[line.kind]}</span>{' '}
          <span className="story-text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
