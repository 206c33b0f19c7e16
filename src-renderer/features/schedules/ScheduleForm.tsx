// A schedule's fields: what to run (prompt, starting URL, environment), when (once at a time,
// every interval, or a cron expression in a time zone), shown in words with its next runs as
// you type (computed by the core with croner and cronstrue). Starts empty, from a template or
// from a past task, or from the schedule being edited.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { TaskView, TriggerView } from '../../../src-main/contract/index';
import { deskClient } from '../../api/desk-client';
import type { TriggerFields } from '../../stores/schedules-store';
import { sourceName, StartFromPicker, type StartSource } from '../common/StartFromPicker';
import {
  emptyForm,
  formOf,
  formProblem,
  maxFailuresOf,
  scheduleOf,
  type Form,
} from './schedule-form-state';
import { SchedulePreview, ScheduleWhat, ScheduleWhen } from './ScheduleParts';
import { usePreview } from './use-preview';
import { useZone } from './ZoneInput';

/** Tasks a schedule's own trigger ran are not offered: they are that schedule already. */
const notScheduled = (t: TaskView): boolean => t.triggerId === null;

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
  const [error, setError] = useState<string | null>(null);
  const sched = useMemo(() => scheduleOf(form), [form]);
  const preview = usePreview('triggers.preview', sched);

  const update = (patch: Partial<Form>): void => setForm((f) => ({ ...f, ...patch }));
  const zone = useZone(form.timezone, (timezone) => update({ timezone }));
  const startFrom = (source: StartSource): void => {
    const from = source.kind === 'template' ? source.template : source.task;
    update({
      name: form.name || sourceName(source),
      prompt: from.prompt,
      startingUrl: from.startingUrl ?? '',
      environmentId: from.environmentId ?? form.environmentId,
    });
  };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const problem = formProblem(form);
    if (problem) return setError(problem);
    const settled = zone.settle();
    if (settled === null) return document.getElementById(`${ids}-tz`)?.focus();
    const max = maxFailuresOf(form);
    if (max === null) return setError('Pause after failures must be a whole number from 1 to 100.');
    // Again with the settled zone: "Paris" typed is Europe/Paris for a one-off time too.
    const schedule = scheduleOf({ ...form, timezone: settled });
    // The words on screen may be the core's answer for what was typed a moment ago ("Paris"
    // before it settled), so the core checks exactly what will be saved.
    const checked = await deskClient()
      .call('triggers.preview', schedule)
      .catch(() => null);
    if (checked?.error) return setError(checked.error);
    setError(null);
    const url = form.startingUrl.trim();
    const fields: TriggerFields = {
      name: form.name.trim(),
      prompt: form.prompt.trim(),
      environmentId: form.environmentId,
      ...(url ? { startingUrl: url } : editing ? { startingUrl: null } : {}),
      maxConsecutiveFailures: max,
      ...schedule,
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
        <StartFromPicker
          id={ids}
          className="field wide"
          pastTask={notScheduled}
          onPick={startFrom}
        />
      )}
      <ScheduleWhat ids={ids} form={form} update={update} />
      <ScheduleWhen ids={ids} form={form} update={update} zone={zone} />
      <SchedulePreview preview={preview} zone={sched.timezone} />
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
