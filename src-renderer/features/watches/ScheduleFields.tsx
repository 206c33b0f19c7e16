// When a watch runs: a preset (hourly, daily, weekdays, weekly at a time), a cron expression or
// an interval, in a time zone ("Paris" settles to Europe/Paris, as on Schedules), said in words
// with its next runs by the core as it is typed, so a bad cron is caught before saving. And what
// to do with runs missed while no desk ran: catch up once, or skip.
import { useMemo } from 'react';
import type { WatchScheduleInput } from '../../../src-main/contract/watches';
import { formatInZone } from '../schedules/schedule-words';
import { usePreview } from '../schedules/use-preview';
import { useZone, ZoneInput } from '../schedules/ZoneInput';
import { invalid, WatchField } from './WatchField';
import { scheduleOf, type FormErrors, type WatchForm } from './watch-form';

interface Props {
  id: string;
  form: WatchForm;
  errors: FormErrors;
  update(patch: Partial<WatchForm>): void;
}

export function ScheduleFields({ id, form, errors, update }: Props) {
  const schedule = useMemo(() => scheduleOf(form) as WatchScheduleInput, [form]);
  const preview = usePreview('watches.preview', schedule);
  const zone = useZone(form.timezone, (timezone) => update({ timezone }));
  const previewError = preview?.error ?? null;

  return (
    <fieldset className="watch-section">
      <legend>Schedule</legend>
      <WatchField id={`${id}-kind`} label="Runs">
        <select
          id={`${id}-kind`}
          value={form.scheduleKind}
          onChange={(e) => update({ scheduleKind: e.target.value as WatchForm['scheduleKind'] })}
        >
          <option value="preset">At a set time</option>
          <option value="every">Every interval</option>
          <option value="cron">On a cron schedule</option>
        </select>
      </WatchField>
      {form.scheduleKind === 'preset' && (
        <>
          <WatchField id={`${id}-preset`} label="How often">
            <select
              id={`${id}-preset`}
              value={form.preset}
              onChange={(e) => update({ preset: e.target.value as WatchForm['preset'] })}
            >
              <option value="hourly">Every hour</option>
              <option value="daily">Every day</option>
              <option value="weekdays">On weekdays</option>
              <option value="weekly">Every Monday</option>
            </select>
          </WatchField>
          <WatchField
            id={`${id}-at`}
            label={form.preset === 'hourly' ? 'At minute (00:MM)' : 'At (HH:MM)'}
            error={errors.at}
          >
            <input
              id={`${id}-at`}
              value={form.at}
              onChange={(e) => update({ at: e.target.value })}
              placeholder="09:00"
              {...invalid(`${id}-at`, errors.at)}
            />
          </WatchField>
        </>
      )}
      {form.scheduleKind === 'cron' && (
        <WatchField id={`${id}-cron`} label="Cron expression" error={previewError ?? errors.cron}>
          <input
            id={`${id}-cron`}
            className="mono"
            value={form.cron}
            onChange={(e) => update({ cron: e.target.value })}
            placeholder="0 9 * * 1-5"
            {...invalid(`${id}-cron`, previewError ?? errors.cron)}
          />
        </WatchField>
      )}
      {form.scheduleKind === 'every' && (
        <WatchField
          id={`${id}-every`}
          label="Interval (30m, 2h, 1d)"
          error={previewError ?? errors.interval}
        >
          <input
            id={`${id}-every`}
            value={form.interval}
            onChange={(e) => update({ interval: e.target.value })}
            {...invalid(`${id}-every`, previewError ?? errors.interval)}
          />
        </WatchField>
      )}
      <ZoneInput id={`${id}-tz`} zone={zone} error={errors.timezone} />
      <WatchField id={`${id}-catchup`} label="Missed runs (desk off)">
        <select
          id={`${id}-catchup`}
          value={form.catchUp}
          onChange={(e) => update({ catchUp: e.target.value as WatchForm['catchUp'] })}
        >
          <option value="once">Catch up once</option>
          <option value="skip">Skip them</option>
        </select>
      </WatchField>
      <p className="schedule-preview wide" role="status" aria-label="Schedule in words">
        {preview && !preview.error ? (
          <>
            Runs <strong>{preview.text}</strong>
            {preview.nextRuns.length > 0 &&
              ` · next: ${preview.nextRuns.map((t) => formatInZone(t, schedule.timezone ?? 'UTC')).join(', ')}`}
          </>
        ) : preview?.error ? (
          'Fix the schedule above to see when it runs.'
        ) : (
          '…'
        )}
      </p>
    </fieldset>
  );
}
