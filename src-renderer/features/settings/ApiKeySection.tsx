// The WebRun API key, write-only: the field is uncontrolled (React would otherwise mirror the
// typed key into the input's value attribute, i.e. into the page's HTML), read once on save,
// then cleared. Only "set or not", and where from, ever comes back.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SecretStatus } from '../../../src-main/contract/index';
import { useSecretsStore } from '../../stores/secrets-store';
import { describedBy, FormError } from '../common/FormError';

function keyState(status: SecretStatus): string {
  if (!status.apiKeySet) return 'No key: the built-in sandbox is used.';
  return status.source === 'env' ? 'A key is set (from WEBRUN_API_KEY).' : 'A key is set (saved).';
}

export function ApiKeySection() {
  const { status, restartRequired, error, load, setApiKey, clearApiKey } = useSecretsStore();
  const field = useRef<HTMLInputElement>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(() => {
    void load();
  }, [load]);

  const fromEnv = status?.source === 'env';
  const warning = status?.warning ?? null;
  const unavailable = status?.storage === 'unavailable';

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const input = field.current;
    if (!input || busy) return;
    const key = input.value.trim();
    if (key === '') return setProblem('Paste your WebRun API key first.');
    if (/\s/.test(key)) return setProblem('An API key has no spaces.');
    if (key.length < 8) return setProblem('That does not look like a WebRun API key.');
    if (warning && !confirmed)
      return setProblem(
        'Confirm that you accept how the key will be stored (see the warning above).',
      );
    setProblem(null);
    setBusy(true);
    // Out of the field at once, whatever the core answers: the key is never left on screen.
    input.value = '';
    const saved = await setApiKey(key);
    setBusy(false);
    if (saved) setConfirmed(false);
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="WebRun API key" noValidate>
      <fieldset>
        <legend>WebRun API key</legend>
        <FormError>{error && `Could not read the key’s status: ${error}`}</FormError>
        {status?.needsReentry && (
          <p className="failure" role="alert">
            Your saved key can no longer be read: enter it again.
          </p>
        )}
        <p role="status" aria-label="API key status">
          {status ? keyState(status) : 'Checking…'}
        </p>
        {restartRequired && (
          <p className="notice-inline" role="status" aria-label="Restart needed">
            Restart WebRun Desk to use the new key.
          </p>
        )}
        {fromEnv ? (
          <p className="hint">
            The key comes from the <code>WEBRUN_API_KEY</code> environment variable, which takes
            precedence; change or unset it there.
          </p>
        ) : (
          <>
            <label className="field" htmlFor={id}>
              New API key
            </label>
            <input
              id={id}
              ref={field}
              type="password"
              autoComplete="off"
              spellCheck={false}
              disabled={unavailable}
              {...describedBy(`${id}-error`, problem)}
              placeholder={
                status?.apiKeySet
                  ? 'Replace the saved key'
                  : 'Paste the key from the WebRun dashboard'
              }
            />
            {warning && (
              <div className="notice-inline" role="note" aria-label="Storage warning">
                <p>{warning}</p>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={confirmed}
                    onChange={(e) => setConfirmed(e.target.checked)}
                  />{' '}
                  I understand; store the key this way
                </label>
              </div>
            )}
            <FormError id={`${id}-error`}>{problem}</FormError>
            <div className="button-row">
              <button type="submit" className="primary" disabled={busy || unavailable}>
                Save key
              </button>
              <button
                type="button"
                className="danger"
                disabled={!status?.apiKeySet || busy}
                onClick={() => void clearApiKey()}
              >
                Remove saved key
              </button>
            </div>
          </>
        )}
        <p className="hint">
          The key is never shown again, nor kept in the history database. Without a key (and without{' '}
          <code>WEBRUN_API_KEY</code>), tasks run on the built-in sandbox.
        </p>
      </fieldset>
    </form>
  );
}
