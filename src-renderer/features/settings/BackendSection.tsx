// Where tasks go. The core reads this at start (the environment wins), so a change shows
// "Restart to apply" until the app restarts.
import { useId, useState, type FormEvent } from 'react';
import { useSettingsStore, type Settings } from '../../stores/settings-store';
import { describedBy, FormError } from '../common/FormError';
import { backendForm, backendPatch, type BackendForm } from './settings-form';

export function BackendSection({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const [form, setForm] = useState<BackendForm>(() => backendForm(settings));
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const patch = backendPatch(form);
    if (typeof patch === 'string') return setError(patch);
    setError(null);
    const saved = await save({ backend: patch });
    if (saved) setForm(backendForm(saved));
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Backend settings" noValidate>
      <fieldset>
        <legend>Backend</legend>
        {settings.restartRequired && (
          <p className="notice-inline" role="status" aria-label="Backend restart needed">
            Restart to apply: the app still uses the backend it started with.
          </p>
        )}
        <label className="field">
          Base URL
          <input
            type="url"
            value={form.baseUrl}
            onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
            {...describedBy(errorId, error)}
            placeholder="WebRun’s own address"
          />
          <span className="hint">
            Empty for WebRun’s own address (or the sandbox when no key is set). WEBRUN_BASE_URL
            overrides it.
          </span>
        </label>
        <label className="field">
          Protocol generation
          <select
            value={form.generation}
            onChange={(e) =>
              setForm({ ...form, generation: e.target.value as BackendForm['generation'] })
            }
          >
            <option value="gen2">Gen 2 (current)</option>
            <option value="gen1">Gen 1</option>
            <option value="gen0">Gen 0 (connect.enigma.click)</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.forceSandbox}
            onChange={(e) => setForm({ ...form, forceSandbox: e.target.checked })}
          />{' '}
          Use the built-in sandbox even when a key is set
        </label>
        <FormError id={errorId}>{error}</FormError>
        <button type="submit">Save backend settings</button>
      </fieldset>
    </form>
  );
}
