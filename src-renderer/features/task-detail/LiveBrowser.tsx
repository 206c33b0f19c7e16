// The session's browser as WebRun streams it, framed beside the story, with Take over and
// Release; while the user drives, the frame and a banner say so.
import { useEffect } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { HAS_REMOTE_IDS } from '../../../src-main/contract/task-status';
import { useLiveViewStore } from '../../stores/live-view-store';
import { webPageHref } from '../common/safe-links';

/** What a task being sent is doing: a one-shot run-task answers only when the task is done. */
const SUBMITTING =
  'Sending the task to WebRun. A one-shot task runs inside this one request: WebRun answers when it has finished, so there is no browser to watch and its result arrives with the answer. Pick "New session" under Options to watch the browser live.';

export function LiveBrowser({ task }: { task: TaskView }) {
  const view = useLiveViewStore((s) => s.byTask[task.id]);
  const busy = useLiveViewStore((s) => Boolean(s.busy[task.id]));
  const { load, takeOver, release } = useLiveViewStore.getState();
  const taskId = task.id;
  const status = task.status;
  useEffect(() => {
    void load(taskId);
  }, [taskId, status, load]);
  const live = HAS_REMOTE_IDS.has(task.status);
  const control = view?.userHasControl ?? false;
  // WebRun's address for the stream is remote text: a link or a frame only when it is http(s).
  const viewUrl = webPageHref(view?.webViewUrl);

  return (
    <section className={`live-browser${control ? ' user-control' : ''}`} aria-label="Live browser">
      <div className="button-row" role="group" aria-label="Browser control">
        <button
          type="button"
          className="small"
          disabled={!live || control || busy}
          onClick={() => void takeOver(task.id)}
        >
          Take over
        </button>
        <button
          type="button"
          className="small"
          disabled={!live || !control || busy}
          onClick={() => void release(task.id)}
        >
          Release
        </button>
        {viewUrl && (
          <a className="small-link" href={viewUrl} target="_blank" rel="noopener noreferrer">
            Open in a window
          </a>
        )}
      </div>
      {control && (
        <p className="control-banner" role="status" aria-label="Browser control state">
          You have control of the browser. The agent waits until you release it.
        </p>
      )}
      {viewUrl && view?.embeddable ? (
        <iframe
          className="live-frame"
          title="Live view of the task's browser"
          src={viewUrl}
          referrerPolicy="no-referrer"
          sandbox="allow-scripts allow-same-origin"
        />
      ) : (
        <p className="empty live-frame-empty" role="status" aria-label="Live view state">
          {task.status === 'submitting'
            ? SUBMITTING
            : view?.webViewUrl
              ? 'WebRun serves this live view from another address, which the app does not frame; open it in a window.'
              : (view?.reason ?? 'Looking for a live view…')}
        </p>
      )}
    </section>
  );
}
