import type { TaskDetails } from '../../../src-main/contract/index';

/** The raw stored timeline, for debugging. */
export function EventsTab({ details }: { details: TaskDetails }) {
  if (details.events.length === 0) return <p className="empty">No events recorded.</p>;
  return (
    <pre className="raw" aria-label="Raw events">
      {JSON.stringify(details.events, null, 2)}
    </pre>
  );
}
