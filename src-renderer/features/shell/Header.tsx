import { useAppStore } from '../../stores/app-store';

const CONNECTION_LABEL = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…' } as const;
const BACKEND_LABEL = { sandbox: 'Sandbox', cloud: 'WebRun cloud', custom: 'Custom URL' } as const;

export function Header() {
  const info = useAppStore((s) => s.info);
  const connection = useAppStore((s) => s.connection);
  return (
    <header className="app-header">
      <h1>WebRun Desk</h1>
      <div className="header-badges">
        {info && (
          <span className={`badge badge-${info.backend.kind}`} title={info.backend.baseUrl}>
            {BACKEND_LABEL[info.backend.kind]}
          </span>
        )}
        <span className={`badge connection-${connection}`} role="status" aria-label="Connection">
          {CONNECTION_LABEL[connection]}
        </span>
      </div>
    </header>
  );
}

export function SandboxNotice() {
  const info = useAppStore((s) => s.info);
  if (!info?.backend.simulated) return null;
  return (
    <div className="notice" role="note" aria-label="Sandbox notice">
      <strong>Simulated results.</strong> No WebRun API key is set, so tasks run on the built-in sandbox and nothing is
      billed. To use WebRun for real, set <code>WEBRUN_API_KEY</code> (and <code>WEBRUN_BASE_URL</code> for another
      deployment) before starting the app; keys are created in the WebRun dashboard under Settings → API Keys.
    </div>
  );
}
