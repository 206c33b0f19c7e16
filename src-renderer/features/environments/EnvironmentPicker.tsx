// Which WebRun environment a task runs in (its saved logins): one select, used by the composer,
// the template bar and "run again". Loads the list the first time it is shown.
import { useEffect, useId } from 'react';
import { useEnvironmentsStore } from '../../stores/environments-store';

export function EnvironmentPicker({
  value,
  onChange,
  label = 'Environment',
}: {
  value: string;
  onChange(id: string): void;
  label?: string;
}) {
  const id = useId();
  const environments = useEnvironmentsStore((s) => s.environments);
  const loaded = useEnvironmentsStore((s) => s.loaded);
  const load = useEnvironmentsStore((s) => s.load);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const known = value === '' || environments.some((e) => e.id === value);
  return (
    <span className="environment-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">None (a fresh browser)</option>
        {environments.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
            {e.status !== 'ready' ? ` (${e.status})` : ''}
          </option>
        ))}
        {!known && <option value={value}>{value} (not found)</option>}
      </select>
    </span>
  );
}
