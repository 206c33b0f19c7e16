// Create or edit a watch: task, schedule, checks, change detection. Mistakes show beside their
// fields (and the first one gets the focus); the core's refusal shows above the buttons; the form
// stays as typed until it is saved or cancelled.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { WatchScheduleInput, WatchView } from '../../../src-main/contract/watches';
import { deskClient } from '../../api/desk-client';
import { useWatchesStore } from '../../stores/watches-store';
import { FormError } from '../common/FormError';
import { resolveZone, ZONES } from '../schedules/schedule-words';
import { ChangeFields } from './ChangeFields';
import { ChecksFields } from './ChecksFields';
import { ScheduleFields } from './ScheduleFields';
import { StartFrom } from './StartFrom';
import { TemplateFields } from './TemplateFields';
import { invalid } from './WatchField';
import {
  buildWatch,
  emptyWatchForm,
  formOfWatch,
  scheduleOf,
  type FormErrors,
  type WatchForm,
} from './watch-form';

export function WatchEditor({ editing, onDone }: { editing: WatchView | null; onDone(): void }) {
  const id = useId().replace(/:/g, '');
  const save = useWatchesStore((s) => s.save);
  const [form, setForm] = useState<WatchForm>(() =>
    editing ? formOfWatch(editing) : emptyWatchForm(),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const update = (patch: Partial<WatchForm>): void => setForm((f) => ({ ...f, ...patch }));
  const nameRef = useRef<HTMLInputElement>(null);
  // The person just asked for the editor: the first field takes the focus.
  useEffect(() => nameRef.current?.focus(), []);
  // After a refused save (each save sets a new errors object), the first field said to be wrong,
  // in the order of the form. An effect, so it runs once the errors are on the page: they are
  // set after the core's answer, past the click's own render.
  useEffect(() => {
    if (Object.keys(errors).length > 0)
      document.querySelector<HTMLElement>(`#${id}-form [aria-invalid="true"]`)?.focus();
  }, [errors, id]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const zone = resolveZone(form.timezone, ZONES);
    const settled = 'zone' in zone ? { ...form, timezone: zone.zone } : form;
    if ('zone' in zone) setForm(settled);
    const built = buildWatch(settled);
    const found: FormErrors = built.ok ? {} : { ...built.errors };
    if ('error' in zone) found.timezone = zone.error;
    // The words on screen may be the core's answer for what was typed a moment ago (a cron
    // since corrected, a zone not yet settled), so the core checks exactly what will be saved.
    const problem = await deskClient()
      .call('watches.preview', scheduleOf(settled) as WatchScheduleInput)
      .then((p) => p.error)
      .catch(() => null);
    if (problem) found[form.scheduleKind === 'cron' ? 'cron' : 'interval'] = problem;
    setErrors(found);
    setRefusal(null);
    if (!built.ok || Object.keys(found).length > 0) return;
    setSaving(true);
    const outcome = await save(editing?.id ?? null, built.input);
    setSaving(false);
    if (outcome.ok) onDone();
    else setRefusal(outcome.error);
  }

  const count = Object.keys(errors).length;
  return (
    <form
      id={`${id}-form`}
      className="watch-form"
      aria-label={editing ? `Edit watch ${editing.name}` : 'New watch'}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <div className="watch-head">
        <div className="field watch-name">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            ref={nameRef}
            value={form.name}
            maxLength={200}
            onChange={(e) => update({ name: e.target.value })}
            placeholder="Kettle price"
            {...invalid(`${id}-name`, errors.name)}
          />
          <FormError id={`${id}-name-error`}>{errors.name}</FormError>
        </div>
        {!editing && <StartFrom id={id} name={form.name} onPick={update} />}
      </div>
      <TemplateFields id={id} form={form} errors={errors} update={update} />
      <ScheduleFields id={id} form={form} errors={errors} update={update} />
      <ChecksFields
        id={id}
        checks={form.checks}
        errors={errors}
        onChange={(checks) => update({ checks })}
      />
      <ChangeFields id={id} form={form} errors={errors} update={update} />
      {count > 0 && (
        <p className="form-error" role="alert">
          {count === 1 ? 'One field needs' : `${count} fields need`} attention: see the messages
          above.
        </p>
      )}
      <FormError>{refusal && `Not saved: ${refusal}`}</FormError>
      <div className="button-row">
        <button type="submit" className="primary" disabled={saving}>
          {editing ? 'Save watch' : 'Create watch'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
