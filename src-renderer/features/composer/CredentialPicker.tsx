// Saved site credentials to send with the task, by site name only (values stay in the
// keychain). Shown once any site has credentials; the ones matching the starting URL come
// pre-ticked until the person changes the choice.
import { useEffect } from 'react';
import { useSecretsStore } from '../../stores/secrets-store';

export function CredentialPicker({
  selected,
  onChange,
}: {
  selected: string[];
  onChange(next: string[]): void;
}) {
  const sites = useSecretsStore((s) => s.status?.credentialSites);
  const loaded = useSecretsStore((s) => s.status !== null);
  const load = useSecretsStore((s) => s.load);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  if (!sites || sites.length === 0) return null;
  const toggle = (site: string, on: boolean): void =>
    onChange(on ? [...selected, site] : selected.filter((s) => s !== site));
  return (
    <fieldset className="credential-picker" aria-label="Saved credentials to send">
      <legend className="hint">Send saved credentials for</legend>
      {sites.map((site) => (
        <label key={site} className="check">
          <input
            type="checkbox"
            checked={selected.includes(site)}
            onChange={(e) => toggle(site, e.target.checked)}
          />{' '}
          {site}
        </label>
      ))}
      {selected.some((s) => !sites.includes(s)) && (
        <span className="form-error">
          Some sites of this template have no saved credentials any more.
        </span>
      )}
    </fieldset>
  );
}
