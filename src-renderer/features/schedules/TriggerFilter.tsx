// History filter by schedule (trigger): its runs come into the history as tasks.
import { useEffect } from 'react';
import { useSchedulesStore } from '../../stores/schedules-store';

export function TriggerFilter({ value, onChange }: { value: string; onChange(id: string): void }) {
  const triggers = useSchedulesStore((s) => s.triggers);
  const loaded = useSchedulesStore((s) => s.loaded);
  const load = useSchedulesStore((s) => s.load);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  return (
    <label>
      Schedule
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any (or none)</option>
        {triggers.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
        {value && !triggers.some((t) => t.id === value) && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
