// Saved site credentials: the list shows sites only; values are typed into uncontrolled
// fields, sent once, and the form is reset, so they never stay in the page or in a store.
import { useRef, useState, type FormEvent } from 'react';
import { useSecretsStore } from '../../stores/secrets-store';
import { FormError } from '../common/FormError';

const SITE = /^(all|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

export function CredentialsSection() {
  const { status, saveCredentials, deleteCredentials } = useSecretsStore();
  const [site, setSite] = useState('');
  const [names, setNames] = useState<string[]>(['email', 'password']);
  const [problem, setProblem] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const sites = status?.credentialSites ?? [];

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const form = formRef.current!;
    const match = site.trim().toLowerCase();
    if (!SITE.test(match))
      return setProblem('A site is a domain (example.com), a wildcard (*.example.com) or "all".');
    const data = new FormData(form);
    const fields: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = String(data.get(`credential-value-${i}`) ?? '');
      if (name.trim() && value) fields[name.trim()] = value;
    });
    if (Object.keys(fields).length === 0)
      return setProblem('Give at least one field with a name and a value.');
    setProblem(null);
    // Values leave the page before the call; on failure they must be typed again.
    form.reset();
    if (await saveCredentials(match, fields)) {
      setSite('');
      setNames(['email', 'password']);
    }
  }

  return (
    <fieldset>
      <legend>Saved site credentials</legend>
      <p className="hint">
        Sent with a task as its secrets when you pick the site in the composer. Values are never
        shown again.
      </p>
      {sites.length === 0 ? (
        <p className="empty">No saved credentials.</p>
      ) : (
        <ul className="site-list" aria-label="Sites with saved credentials">
          {sites.map((s) => (
            <li key={s}>
              <code>{s}</code>
              <button
                type="button"
                className="small danger"
                aria-label={`Delete credentials for ${s}`}
                onClick={() => void deleteCredentials(s)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        ref={formRef}
        onSubmit={(e) => void onSubmit(e)}
        aria-label="Add site credentials"
        noValidate
        className="credential-form"
      >
        <label className="field">
          Site
          <input
            value={site}
            onChange={(e) => setSite(e.target.value)}
            placeholder="example.com, *.example.com or all"
          />
        </label>
        {names.map((name, i) => (
          <div key={i} className="credential-row">
            <label className="field">
              Field name {i + 1}
              <input
                value={name}
                onChange={(e) => setNames(names.map((n, j) => (j === i ? e.target.value : n)))}
              />
            </label>
            <label className="field">
              Value {i + 1}
              <input
                name={`credential-value-${i}`}
                type="password"
                autoComplete="off"
                defaultValue=""
              />
            </label>
          </div>
        ))}
        <FormError>{problem}</FormError>
        <div className="button-row">
          <button
            type="button"
            className="small"
            disabled={names.length >= 20}
            onClick={() => setNames([...names, ''])}
          >
            Add a field
          </button>
          <button type="submit" className="primary">
            Save credentials
          </button>
        </div>
      </form>
    </fieldset>
  );
}
