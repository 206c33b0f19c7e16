// The friendly ways to write a cron schedule: a preset, or a line in words ("every weekday at
// 9:00 in Paris") turned into the cron expression (and zone) below it, or a mistake beside it.
import { useId, useState } from 'react';
import { describedBy, FormError } from '../common/FormError';
import { parseSchedule, PRESETS } from './schedule-words';

export function ScheduleWords({
  cron,
  zones,
  onChange,
}: {
  cron: string;
  zones: readonly string[];
  onChange(patch: { cron: string; timezone?: string }): void;
}) {
  const ids = useId();
  const [words, setWords] = useState('');
  const [error, setError] = useState<string | null>(null);
  const preset = PRESETS.find((p) => p.cron === cron.trim())?.cron ?? '';
  return (
    <>
      <span className="field">
        <label htmlFor={`${ids}-preset`}>Preset</label>
        <select
          id={`${ids}-preset`}
          value={preset}
          onChange={(e) => e.target.value && onChange({ cron: e.target.value })}
        >
          <option value="">Custom</option>
          {PRESETS.map((p) => (
            <option key={p.cron} value={p.cron}>
              {p.label}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${ids}-words`}>In words</label>
        <input
          id={`${ids}-words`}
          value={words}
          placeholder="every weekday at 9:00 in Paris"
          onChange={(e) => {
            setWords(e.target.value);
            if (!e.target.value.trim()) return setError(null);
            const parsed = parseSchedule(e.target.value, zones);
            if ('error' in parsed) return setError(parsed.error);
            setError(null);
            onChange({ cron: parsed.cron, ...(parsed.zone ? { timezone: parsed.zone } : {}) });
          }}
          {...describedBy(`${ids}-words-error`, error)}
        />
        <FormError id={`${ids}-words-error`}>{error}</FormError>
      </span>
    </>
  );
}
