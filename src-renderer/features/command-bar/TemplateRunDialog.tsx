// Running a template from the command bar: a form, never a bare Enter. It shows what will be
// sent, asks for each {{placeholder}} beside its own field, and only "Run" spends money.
import { useId, useState, type FormEvent } from 'react';
import type { Template } from '../../../src-main/contract/index';
import { buildInput } from '../composer/compose-input';
import { fillPlaceholders, placeholdersOf } from '../composer/placeholders';
import { formFromTemplate } from '../composer/template-form';
import { Modal } from '../common/Modal';
import { FormError, describedBy } from '../common/FormError';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { attempt, toastInfo } from '../../stores/toast-store';

export function TemplateRunDialog({ template, onClose }: { template: Template; onClose(): void }) {
  const names = placeholdersOf(template.prompt, template.startingUrl ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(names.map((n) => [n, ''])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = useId();
  const filled = (text: string): string => fillPlaceholders(text, values);

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const missing = Object.fromEntries(
      names.filter((n) => !values[n]?.trim()).map((n) => [n, `Fill in “${n}”.`]),
    );
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      document.getElementById(`${base}-${names.indexOf(Object.keys(missing)[0]!)}`)?.focus();
      return;
    }
    const form = formFromTemplate(template);
    const built = buildInput({
      ...form,
      prompt: filled(form.prompt),
      startingUrl: filled(form.startingUrl),
    });
    if (!built.ok) return setFormError(built.error);
    setBusy(true);
    const task = await attempt(() => useTasksStore.getState().create(built.input));
    setBusy(false);
    if (!task) return;
    onClose();
    useRouteStore.getState().go('queue');
    toastInfo(`Started “${template.name}”.`);
  }

  return (
    <Modal title={`Run template “${template.name}”`} onClose={onClose} className="template-run">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {names.map((name, i) => {
          const id = `${base}-${i}`;
          return (
            <div className="field" key={name}>
              <label htmlFor={id}>{name}</label>
              <input
                id={id}
                type="text"
                value={values[name] ?? ''}
                autoFocus={i === 0}
                onChange={(e) => {
                  setValues({ ...values, [name]: e.target.value });
                  setErrors({ ...errors, [name]: '' });
                }}
                {...describedBy(`${id}-error`, errors[name])}
              />
              <FormError id={`${id}-error`}>{errors[name]}</FormError>
            </div>
          );
        })}
        <p className="hint">Will send:</p>
        <blockquote className="template-preview" dir="auto">
          {filled(template.prompt)}
        </blockquote>
        <FormError>{formError}</FormError>
        <div className="modal-actions">
          <button type="button" onClick={onClose} autoFocus={names.length === 0}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Run
          </button>
        </div>
      </form>
    </Modal>
  );
}
