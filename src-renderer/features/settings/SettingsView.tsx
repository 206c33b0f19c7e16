// Settings: runner and budgets are stored by the core (and apply at once); the backend and the
// API key apply at the next start; the theme and how long finished tasks stay in the queue
// belong to this browser.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_BUDGET_CAP_USD } from '../../../src-main/contract/limits';
import { formatUsd } from '../../format';
import { useAppStore } from '../../stores/app-store';
import { LEAVE_AFTER_CHOICES } from '../../stores/queue-leave';
import { useQueueViewStore } from '../../stores/queue-view-store';
import { useSettingsStore, type Settings } from '../../stores/settings-store';
import { describedBy, FormError } from '../common/FormError';
import { ThemeSelect } from '../shell/Header';
import { ApiKeySection } from './ApiKeySection';
import { BackendSection } from './BackendSection';
import { CredentialsSection } from './CredentialsSection';
import { IntegrityStatusLine } from './IntegrityStatusLine';
import { McpSection } from './McpSection';
import { settingsForm, settingsPatch, type SettingsForm } from './settings-form';

export function SettingsView() {
  const settings = useSettingsStore((s) => s.settings);
  const loadError = useSettingsStore((s) => s.error);
  const load = useSettingsStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h2 id="settings-title" className="page-title">
        Settings
      </h2>
      <FormError>{loadError && `Could not load settings: ${loadError}`}</FormError>
      {/* Each form mounts once and keeps its own fields; after a save it takes the core's
          answer (a key that changed on every save once mounted the forms twice). */}
      {settings ? (
        <RunnerForm settings={settings} />
      ) : (
        !loadError && <p className="empty">Loading…</p>
      )}
      <ApiKeySection />
      <CredentialsSection />
      {settings && <BackendSection settings={settings} />}
      <McpSection />
      <AppSection />
    </section>
  );
}

const capHint = `Up to ${formatUsd(MAX_BUDGET_CAP_USD)}; empty for no cap.`;

function RunnerForm({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(settings));
  const [error, setError] = useState<{ field: keyof SettingsForm | null; message: string } | null>(
    null,
  );
  const errorId = useId();
  const field = (key: keyof SettingsForm, label: string, hint?: string) => (
    <label className="field">
      {label}
      <input
        inputMode="decimal"
        value={String(form[key])}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        {...describedBy(errorId, error?.field === key)}
      />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const patch = settingsPatch(form);
    if ('error' in patch) {
      setError({ field: patch.field, message: patch.error });
      return;
    }
    setError(null);
    // The fields show what the core stored, which is what it uses from now on.
    const saved = await save(patch);
    if (saved) setForm(settingsForm(saved));
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Runner and budget settings" noValidate>
      <fieldset>
        <legend>Runner</legend>
        {field('concurrency', 'Tasks at once', '1 to 100; WebRun allows 5 sessions by default.')}
        {field(
          'pollSeconds',
          'Poll interval (seconds)',
          'Used while no live socket is attached; 0.5 to 60.',
        )}
        {field(
          'guardrailTimeoutSeconds',
          'Stop a task whose question waits longer than (seconds)',
          '10 to 300. WebRun ends a session after 5 minutes without activity, so a longer wait cannot help. Empty: the app never stops it, and WebRun ends it at 5 minutes.',
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={form.notifyOnTaskEnd}
            onChange={(e) => setForm({ ...form, notifyOnTaskEnd: e.target.checked })}
          />{' '}
          Notify me when a task ends
        </label>
      </fieldset>
      <fieldset>
        <legend>Budgets</legend>
        {field('dailyCap', 'Daily cap (USD)', capHint)}
        {field('monthlyCap', 'Monthly cap (USD)', capHint)}
        <label className="check">
          <input
            type="checkbox"
            checked={form.stopRunningAtCap}
            onChange={(e) => setForm({ ...form, stopRunningAtCap: e.target.checked })}
          />{' '}
          Also stop running tasks when a cap is reached
        </label>
        {field(
          'runwayWarningDays',
          'Warn when the balance lasts fewer than (days)',
          '1 to 365. The runway is the balance WebRun last reported over the 7-day trailing average of spend.',
        )}
      </fieldset>
      <FormError id={errorId}>{error?.message}</FormError>
      <button type="submit" className="primary">
        Save settings
      </button>
    </form>
  );
}

/** How long a finished task stays in the queue: a preference of this browser, like the theme. */
function LeaveAfterSelect() {
  const minutes = useQueueViewStore((s) => s.leaveAfterMinutes);
  const setLeaveAfter = useQueueViewStore((s) => s.setLeaveAfter);
  return (
    <>
      <label className="field" htmlFor="settings-leave-after">
        Finished tasks leave the queue after
      </label>
      <select
        id="settings-leave-after"
        value={minutes}
        aria-describedby="settings-leave-after-hint"
        onChange={(e) => setLeaveAfter(Number(e.target.value))}
      >
        {LEAVE_AFTER_CHOICES.map((c) => (
          <option key={c.minutes} value={c.minutes}>
            {c.label}
          </option>
        ))}
      </select>
      <span className="hint" id="settings-leave-after-hint">
        They stay in History, and the queue’s Show: Finished filter still lists them. A task of
        unknown outcome stays until you check it.
      </span>
    </>
  );
}

function AppSection() {
  const info = useAppStore((s) => s.info);
  return (
    <fieldset>
      <legend>App</legend>
      <label className="field" htmlFor="settings-theme">
        Theme
      </label>
      <ThemeSelect id="settings-theme" />
      <LeaveAfterSelect />
      <dl className="usage">
        <dt>Backend</dt>
        <dd>
          {info
            ? `${info.backend.kind}${info.backend.simulated ? ' (simulated)' : ''} · ${info.backend.baseUrl}`
            : '—'}
        </dd>
        <dt>Data folder</dt>
        <dd>
          <code className="path" aria-label="Database path">
            {info?.dbPath ?? '—'}
          </code>
        </dd>
        <dt>Database check</dt>
        <dd>
          <IntegrityStatusLine />
        </dd>
        <dt>Version</dt>
        <dd>{info?.version ?? '—'}</dd>
      </dl>
      <p className="hint">
        <code>WEBRUN_API_KEY</code> and <code>WEBRUN_BASE_URL</code> in the environment take
        precedence over the key and backend saved above; all of them are read when the app starts.
      </p>
    </fieldset>
  );
}
