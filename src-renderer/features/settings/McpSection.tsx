// AI assistants (MCP): whether assistants may run tasks through this desk, the most one of
// their tasks may cost, and whether each waits for the person's approval before it is sent.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { McpSettings } from '../../../src-main/contract/index';
import { useMcpStore } from '../../stores/mcp-store';

export function McpSection() {
  const settings = useMcpStore((s) => s.settings);
  const load = useMcpStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return settings ? <McpForm key={JSON.stringify(settings)} settings={settings} /> : null;
}

function McpForm({ settings }: { settings: McpSettings }) {
  const save = useMcpStore((s) => s.save);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [max, setMax] = useState(
    settings.maxCostPerCall === null ? '' : String(settings.maxCostPerCall),
  );
  const [requireApproval, setRequireApproval] = useState(settings.requireApproval);
  const [keepRunning, setKeepRunning] = useState(settings.keepRunningOnCancel);
  const [waitSeconds, setWaitSeconds] = useState(String(settings.callWaitSeconds));
  const waitId = useId();
  const [error, setError] = useState<string | null>(null);
  const maxId = useId();

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const text = max.trim();
    const value = text === '' ? null : Number(text);
    if (value !== null && (!Number.isFinite(value) || value <= 0 || value > 10_000)) {
      setError(
        'The most a task may cost is an amount in USD above 0 (at most 10,000), or empty for no maximum.',
      );
      return;
    }
    const wait = Number(waitSeconds.trim());
    if (!Number.isInteger(wait) || wait < 5 || wait > 3_600) {
      setError('The longest a call waits is a whole number of seconds from 5 to 3,600.');
      return;
    }
    setError(null);
    await save({
      callWaitSeconds: wait,
      enabled,
      maxCostPerCall: value,
      requireApproval,
      keepRunningOnCancel: keepRunning,
    });
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="AI assistants (MCP)" noValidate>
      <fieldset>
        <legend>AI assistants (MCP)</legend>
        <p className="hint">
          Assistants such as Claude Desktop or Cursor run tasks here through{' '}
          <code>webrun-desk mcp</code>. Their tasks join your history and budget, and their
          agents&rsquo; questions come to your inbox.
        </p>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
          Let AI assistants run tasks
        </label>
        <label className="field" htmlFor={maxId}>
          Most one assistant&rsquo;s task may cost (USD)
        </label>
        <input
          id={maxId}
          inputMode="decimal"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          aria-describedby={`${maxId}-hint`}
        />
        <span className="hint" id={`${maxId}-hint`}>
          An assistant cannot ask for more; empty for no maximum (your daily and monthly caps still
          apply).
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={requireApproval}
            onChange={(e) => setRequireApproval(e.target.checked)}
          />{' '}
          Ask me to approve each assistant&rsquo;s task before it is sent
        </label>
        <label className="field" htmlFor={waitId}>
          Longest an assistant&rsquo;s call waits before it answers (seconds)
        </label>
        <input
          id={waitId}
          inputMode="numeric"
          value={waitSeconds}
          onChange={(e) => setWaitSeconds(e.target.value)}
          aria-describedby={`${waitId}-hint`}
        />
        <span className="hint" id={`${waitId}-hint`}>
          Then the call answers with the task&rsquo;s id and state, and the task goes on. Keep it
          below your assistant&rsquo;s timeout (often 60 s); assistants that support MCP tasks do
          not wait at all.
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={keepRunning}
            onChange={(e) => setKeepRunning(e.target.checked)}
          />{' '}
          Keep an assistant&rsquo;s task running when it cancels the call (it goes on billing)
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary">
            Save assistant settings
          </button>
        </div>
      </fieldset>
    </form>
  );
}
