// The notices every view shows above its content, inside one landmark so a screen reader can
// find them: the sandbox line (dismissible for this window) and the paused queue, which is
// also in the window title so a paused queue is never a surprise on another view or window.
import { useEffect, useState, type ReactNode } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useQueueStore } from '../../stores/queue-store';
import { useRouteStore } from '../../stores/route-store';

const DISMISSED_KEY = 'webrun-desk.sandbox-notice-dismissed';
const BASE_TITLE = 'WebRun Desk';

function dismissedBefore(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

function SandboxNotice() {
  const info = useAppStore((s) => s.info);
  const [dismissed, setDismissed] = useState(dismissedBefore);
  if (!info?.backend.simulated || dismissed) return null;
  return (
    <div className="notice notice-line" role="note" aria-label="Sandbox notice">
      <span>
        <strong>Simulated results:</strong> no WebRun API key, so tasks run on the built-in sandbox
        and nothing is billed. Save a key in <a href="#/settings">Settings</a> or set{' '}
        <code>WEBRUN_API_KEY</code>.
      </span>
      <button
        type="button"
        className="small"
        onClick={() => {
          setDismissed(true);
          try {
            sessionStorage.setItem(DISMISSED_KEY, '1');
          } catch {
            // storage refused: it stays dismissed until the next reload
          }
        }}
      >
        Dismiss
      </button>
    </div>
  );
}

function PausedBanner() {
  const paused = useQueueStore((s) => s.status?.paused ?? false);
  const queued = useQueueStore((s) => s.status?.queued ?? 0);
  const setPaused = useQueueStore((s) => s.setPaused);
  const view = useRouteStore((s) => s.route.view);
  useEffect(() => {
    document.title = paused ? `Queue paused · ${BASE_TITLE}` : BASE_TITLE;
  }, [paused]);
  if (!paused) return null;
  return (
    <div className="notice notice-line notice-paused" role="status" aria-label="Queue paused">
      <span>
        <strong>The queue is paused:</strong> no new task starts ({queued} waiting). Running tasks
        go on.
      </span>
      {/* On the queue view its own toolbar has Resume; elsewhere the banner is the way out. */}
      {view !== 'queue' && (
        <>
          <a href="#/queue">Open the queue</a>
          <button type="button" className="small" onClick={() => void setPaused(false)}>
            Resume queue
          </button>
        </>
      )}
    </div>
  );
}

/** `children`: more notices (the questions waiting), inside the same landmark. */
export function Notices({ children }: { children?: ReactNode }) {
  return (
    <section className="notices" aria-label="Notices">
      <SandboxNotice />
      <PausedBanner />
      {children}
    </section>
  );
}
