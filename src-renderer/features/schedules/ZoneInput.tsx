// The time-zone field of the schedule and watch forms: every IANA zone offered as it is typed (a
// datalist), and a typed city settled to its zone when the field is left ("Paris" becomes
// Europe/Paris), or the reason it cannot be, under the field.
import { useState } from 'react';
import { describedBy, FormError } from '../common/FormError';
import { resolveZone, ZONES } from './schedule-words';

/** A form's time zone as typed, and settling it: the form keeps the text, this its problem. */
export function useZone(value: string, onChange: (zone: string) => void) {
  const [problem, setProblem] = useState<string | null>(null);
  return {
    value,
    problem,
    type(text: string): void {
      setProblem(null);
      onChange(text);
    },
    /** The settled zone (written back to the form when it differs), or null with the reason. */
    settle(): string | null {
      const resolved = resolveZone(value, ZONES);
      if ('error' in resolved) {
        setProblem(resolved.error);
        return null;
      }
      setProblem(null);
      if (resolved.zone !== value) onChange(resolved.zone);
      return resolved.zone;
    },
  };
}

export type ZoneField = ReturnType<typeof useZone>;

/** `error`: the form's own word on the zone, shown when settling found nothing wrong. */
export function ZoneInput({ id, zone, error }: { id: string; zone: ZoneField; error?: string }) {
  const shown = zone.problem ?? error;
  return (
    <div className="field">
      <label htmlFor={id}>Time zone (type a city)</label>
      <input
        id={id}
        list={`${id}-zones`}
        value={zone.value}
        onChange={(e) => zone.type(e.target.value)}
        onBlur={() => zone.value.trim() && zone.settle()}
        {...describedBy(`${id}-error`, shown)}
      />
      <FormError id={`${id}-error`}>{shown}</FormError>
      <datalist id={`${id}-zones`}>
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </div>
  );
}
