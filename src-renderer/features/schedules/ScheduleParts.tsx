// The two halves of a schedule's form: what runs (name, environment, task, starting URL) and
// when (once, every interval or on cron, in a time zone, with the core's words and next runs).
import { EnvironmentPicker } from '../environments/EnvironmentPicker';
import type { Form, Kind } from './schedule-form-state';
import { formatInZone, ZONES } from './schedule-words';
import { ScheduleWords } from './ScheduleWords';
import type { Preview } from './use-preview';
import { ZoneInput, type ZoneField } from './ZoneInput';

interface PartProps {
  ids: string;
  form: Form;
  update(patch: Partial<Form>): void;
}

export function ScheduleWhat({ ids, form, update }: PartProps) {
  return (
    <>
      <span className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          id={`${ids}-name`}
          value={form.name}
          maxLength={100}
          onChange={(e) => update({ name: e.target.value })}
          placeholder="Morning price check"
        />
      </span>
      <EnvironmentPicker
        value={form.environmentId}
        onChange={(environmentId) => update({ environmentId })}
        label="Environment (required)"
      />
      <span className="field wide">
        <label htmlFor={`${ids}-prompt`}>Task</label>
        <textarea
          id={`${ids}-prompt`}
          rows={2}
          value={form.prompt}
          onChange={(e) => update({ prompt: e.target.value })}
          placeholder="Check the price of the blue kettle on shop.example.com"
        />
      </span>
      <span className="field">
        <label htmlFor={`${ids}-url`}>Starting URL (optional)</label>
        <input
          id={`${ids}-url`}
          type="url"
          value={form.startingUrl}
          onChange={(e) => update({ startingUrl: e.target.value })}
          placeholder="https://example.com"
        />
      </span>
    </>
  );
}

export function ScheduleWhen({ ids, form, update, zone }: PartProps & { zone: ZoneField }) {
  return (
    <>
      <span className="field">
        <label htmlFor={`${ids}-kind`}>Runs</label>
        <select
          id={`${ids}-kind`}
          value={form.kind}
          onChange={(e) => update({ kind: e.target.value as Kind })}
        >
          <option value="cron">On a cron schedule</option>
          <option value="every">Every interval</option>
          <option value="at">Once, at a time</option>
        </select>
      </span>
      {form.kind === 'cron' && <ScheduleWords cron={form.cron} zones={ZONES} onChange={update} />}
      {form.kind === 'cron' && (
        <span className="field">
          <label htmlFor={`${ids}-cron`}>Cron expression</label>
          <input
            id={`${ids}-cron`}
            value={form.cron}
            onChange={(e) => update({ cron: e.target.value })}
            placeholder="0 9 * * 1-5"
          />
        </span>
      )}
      {form.kind === 'every' && (
        <span className="field">
          <label htmlFor={`${ids}-every`}>Interval (30m, 2h, 1d)</label>
          <input
            id={`${ids}-every`}
            value={form.every}
            onChange={(e) => update({ every: e.target.value })}
          />
        </span>
      )}
      {form.kind === 'at' && (
        <span className="field">
          <label htmlFor={`${ids}-at`}>
            Date and time, in {form.timezone.trim() || 'UTC'} (the zone below)
          </label>
          <input
            id={`${ids}-at`}
            type="datetime-local"
            value={form.at}
            onChange={(e) => update({ at: e.target.value })}
          />
        </span>
      )}
      <ZoneInput id={`${ids}-tz`} zone={zone} />
      <span className="field">
        <label htmlFor={`${ids}-max`}>Pause after failures in a row</label>
        <input
          id={`${ids}-max`}
          type="number"
          min={1}
          max={100}
          value={form.maxFailures}
          onChange={(e) => update({ maxFailures: e.target.value })}
        />
      </span>
    </>
  );
}

/** The schedule in the core's words, with its next runs in the schedule's own zone. */
export function SchedulePreview({ preview, zone }: { preview: Preview | null; zone: string }) {
  return (
    <p className="schedule-preview wide" role="status" aria-label="Schedule in words">
      {preview?.error ? (
        <span className="form-error">{preview.error}</span>
      ) : preview ? (
        <>
          Runs <strong>{preview.text}</strong>
          {preview.nextRuns.length > 0 && (
            <> · next: {preview.nextRuns.map((t) => formatInZone(t, zone)).join(', ')}</>
          )}
        </>
      ) : (
        '…'
      )}
    </p>
  );
}
