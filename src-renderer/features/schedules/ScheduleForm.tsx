// A schedule's fields: what to run (prompt, starting URL, environment), when (once at a time,
// every interval, or a cron expression in a time zone), shown in words with its next runs as
// you type (computed by the core with croner and cronstrue). Starts empty, from a template or
// from a past task, or from the schedule being edited.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { TaskView, Template, TriggerView } from '../../../src-main/contract/index';
import { deskClient } from '../../api/desk-client';
import type { TriggerFields } from '../../stores/schedules-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { EnvironmentPicker } from '../environments/EnvironmentPicker';
import { describedBy, FormError } from '../common/FormError';
import { formatInZone, instantInZone, LOCAL_ZONE, resolveZone, wallTimeIn } from './schedule-words';
import { ScheduleWords } from './ScheduleWords';

type Kind = 'at' | 'every' | 'cron';

interface Form {
  name: string;
  prompt: string;
  startingUrl: string;
  environmentId: string;
  kind: Kind;
  at: string;
  every: string;
  cron: string;
  timezone: string;
  maxFailures: string;
}

export const ZONES: string[] = (
  Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
).supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Paris', 'America/New_York'];

function emptyForm(): Form {
  return {
    name: '',
    prompt: '',
    startingUrl: '',
    environmentId: '',
    kind: 'cron',
    at: '',
    every: '1d',
    cron: '0 9 * * *',
    timezone: LOCAL_ZONE,
    maxFailures: '5',
  };
}

function formOf(t: TriggerView): Form {
  return {
    name: t.name,
    prompt: t.prompt,
    startingUrl: t.startingUrl ?? '',
    environmentId: t.environmentId ?? '',
    kind: t.scheduleType,
    at: t.scheduleAt ? atInZone(t.scheduleAt, t.timezone) : '',
    every: t.scheduleInterval ?? '1d',
    cron: t.scheduleCron ?? '0 9 * * *',
    timezone: t.timezone,
    maxFailures: String(t.maxConsecutiveFailures),
  };
}

/** A stored one-off time shown as the wall clock of its own zone, as it was entered. */
function atInZone(iso: string, zone: string): string {
  try {
    return wallTimeIn(Date.parse(iso), zone || 'UTC');
  } catch {
    return iso.slice(0, 16);
  }
}

function schedule(form: Form) {
  // A one-off time is the wall clock of the chosen zone, not of this browser.
  const at =
    form.kind === 'at' && form.at ? instantInZone(form.at, form.timezone.trim() || 'UTC') : null;
  return {
    scheduleType: form.kind,
    ...(at !== null ? { scheduleAt: new Date(at).toISOString() } : {}),
    ...(form.kind === 'every' ? { scheduleInterval: form.every.trim() } : {}),
    ...(form.kind === 'cron' ? { scheduleCron: form.cron.trim() } : {}),
    timezone: form.timezone.trim() || 'UTC',
  };
}

export function ScheduleForm({
  editing,
  onSave,
  onCancel,
}: {
  editing: TriggerView | null;
  onSave(fields: TriggerFields): Promise<boolean>;
  onCancel(): void;
}) {
  const ids = useId();
  const [form, setForm] = useState<Form>(() => (editing ? formOf(editing) : emptyForm()));
  const [preview, setPreview] = useState<{
    text: string;
    nextRuns: number[];
    error: string | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoneError, setZoneError] = useState<string | null>(null);
  const templates = useTemplatesStore((s) => s.templates);
  const loadTemplates = useTemplatesStore((s) => s.load);
  const tasksById = useTasksStore((s) => s.byId);
  const order = useTasksStore((s) => s.order);
  const pastTasks = useMemo(
    () =>
      order
        .map((id) => tasksById[id])
        .filter((t): t is TaskView => !!t && t.triggerId === null)
        .slice(0, 20),
    [order, tasksById],
  );
  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);

  const sched = useMemo(() => schedule(form), [form]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      deskClient()
        .call('triggers.preview', sched)
        .then((p) => live && setPreview(p))
        .catch(() => live && setPreview(null));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sched]);

  const update = (patch: Partial<Form>): void => setForm((f) => ({ ...f, ...patch }));
  /** "Paris" is Europe/Paris: a typed city becomes its zone, or says why it cannot. */
  const settleZone = (): string | null => {
    const resolved = resolveZone(form.timezone, ZONES);
    if ('error' in resolved) {
      setZoneError(resolved.error);
      return null;
    }
    setZoneError(null);
    if (resolved.zone !== form.timezone) update({ timezone: resolved.zone });
    return resolved.zone;
  };
  const startFrom = (value: string): void => {
    const [kind, key] = value.split(':', 2) as [string, string];
    if (kind === 'template') {
      const t: Template | undefined = templates.find((x) => x.name === key);
      if (t)
        update({
          name: form.name || t.name,
          prompt: t.prompt,
          startingUrl: t.startingUrl ?? '',
          environmentId: t.environmentId ?? form.environmentId,
        });
    } else if (kind === 'task') {
      const t = tasksById[key];
      if (t)
        update({
          name: form.name || t.prompt.slice(0, 60),
          prompt: t.prompt,
          startingUrl: t.startingUrl ?? '',
          environmentId: t.environmentId ?? form.environmentId,
        });
    }
  };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!form.name.trim()) return setError('Name the schedule.');
    if (!form.prompt.trim()) return setError('Describe the task: the prompt is empty.');
    if (!form.environmentId)
      return setError('Pick an environment: WebRun runs every scheduled task in one.');
    if (form.kind === 'at' && !form.at) return setError('Pick the date and time to run it at.');
    const zone = settleZone();
    if (zone === null) return document.getElementById(`${ids}-tz`)?.focus();
    if (preview?.error) return setError(preview.error);
    const max = Number(form.maxFailures);
    if (!Number.isInteger(max) || max < 1 || max > 100)
      return setError('Pause after failures must be a whole number from 1 to 100.');
    setError(null);
    const fields: TriggerFields = {
      name: form.name.trim(),
      prompt: form.prompt.trim(),
      environmentId: form.environmentId,
      ...(form.startingUrl.trim()
        ? { startingUrl: form.startingUrl.trim() }
        : editing
          ? { startingUrl: null }
          : {}),
      maxConsecutiveFailures: max,
      // Again with the settled zone: "Paris" typed is Europe/Paris for a one-off time too.
      ...schedule({ ...form, timezone: zone }),
    };
    if (await onSave(fields)) onCancel();
  }

  return (
    <form
      className="schedule-form"
      aria-label={editing ? `Edit schedule ${editing.name}` : 'New schedule'}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      {!editing && (
        <span className="field wide">
          <label htmlFor={`${ids}-from`}>Start from</label>
          <select id={`${ids}-from`} value="" onChange={(e) => startFrom(e.target.value)}>
            <option value="">Scratch (or pick a template or past task)</option>
            {templates.length > 0 && (
              <optgroup label="Templates">
                {templates.map((t) => (
                  <option key={t.name} value={`template:${t.name}`}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
            {pastTasks.length > 0 && (
              <optgroup label="Past tasks">
                {pastTasks.map((t) => (
                  <option key={t.id} value={`task:${t.id}`}>
                    {t.prompt.slice(0, 80)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </span>
      )}
      <span className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          id={`${ids}-name`}
          value={form.name}
          maxLength={100}
          onChange={(e) => update({ name: e.target.value })}
          placeholder="Morning price check"
        />
      </span>
      <EnvironmentPicker
        value={form.environmentId}
        onChange={(environmentId) => update({ environmentId })}
        label="Environment (required)"
      />
      <span className="field wide">
        <label htmlFor={`${ids}-prompt`}>Task</label>
        <textarea
          id={`${ids}-prompt`}
          rows={2}
          value={form.prompt}
          onChange={(e) => update({ prompt: e.target.value })}
          placeholder="Check the price of the blue kettle on shop.example.com"
        />
      </span>
      <span className="field">
        <label htmlFor={`${ids}-url`}>Starting URL (optional)</label>
        <input
          id={`${ids}-url`}
          type="url"
          value={form.startingUrl}
          onChange={(e) => update({ startingUrl: e.target.value })}
          placeholder="https://example.com"
        />
      </span>
      <span className="field">
        <label htmlFor={`${ids}-kind`}>Runs</label>
        <select
          id={`${ids}-kind`}
          value={form.kind}
          onChange={(e) => update({ kind: e.target.value as Kind })}
        >
          <option value="cron">On a cron schedule</option>
          <option value="every">Every interval</option>
          <option value="at">Once, at a time</option>
        </select>
      </span>
      {form.kind === 'cron' && <ScheduleWords cron={form.cron} zones={ZONES} onChange={update} />}
      {form.kind === 'cron' && (
        <span className="field">
          <label htmlFor={`${ids}-cron`}>Cron expression</label>
          <input
            id={`${ids}-cron`}
            value={form.cron}
            onChange={(e) => update({ cron: e.target.value })}
            placeholder="0 9 * * 1-5"
          />
        </span>
      )}
      {form.kind === 'every' && (
        <span className="field">
          <label htmlFor={`${ids}-every`}>Interval (30m, 2h, 1d)</label>
          <input
            id={`${ids}-every`}
            value={form.every}
            onChange={(e) => update({ every: e.target.value })}
          />
        </span>
      )}
      {form.kind === 'at' && (
        <span className="field">
          <label htmlFor={`${ids}-at`}>
            Date and time, in {form.timezone.trim() || 'UTC'} (the zone below)
          </label>
          <input
            id={`${ids}-at`}
            type="datetime-local"
            value={form.at}
            onChange={(e) => update({ at: e.target.value })}
          />
        </span>
      )}
      <span className="field">
        <label htmlFor={`${ids}-tz`}>Time zone (type a city to search)</label>
        <input
          id={`${ids}-tz`}
          list={`${ids}-zones`}
          value={form.timezone}
          onChange={(e) => {
            setZoneError(null);
            update({ timezone: e.target.value });
          }}
          onBlur={() => form.timezone.trim() && settleZone()}
          {...describedBy(`${ids}-tz-error`, zoneError)}
        />
        <FormError id={`${ids}-tz-error`}>{zoneError}</FormError>
        <datalist id={`${ids}-zones`}>
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </span>
      <span className="field">
        <label htmlFor={`${ids}-max`}>Pause after failures in a row</label>
        <input
          id={`${ids}-max`}
          type="number"
          min={1}
          max={100}
          value={form.maxFailures}
          onChange={(e) => update({ maxFailures: e.target.value })}
        />
      </span>
      <p className="schedule-preview wide" role="status" aria-label="Schedule in words">
        {preview?.error ? (
          <span className="form-error">{preview.error}</span>
        ) : preview ? (
          <>
            Runs <strong>{preview.text}</strong>
            {preview.nextRuns.length > 0 && (
              <>
                {' '}
                · next: {preview.nextRuns.map((t) => formatInZone(t, sched.timezone)).join(', ')}
              </>
            )}
          </>
        ) : (
          '…'
        )}
      </p>
      {error && (
        <p className="form-error wide" role="alert">
          {error}
        </p>
      )}
      <div className="button-row wide">
        <button type="submit" className="primary">
          {editing ? 'Save schedule' : 'Create schedule'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
