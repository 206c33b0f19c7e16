// A schedule form's fields as typed, and the two ways between them and a trigger: the form a
// stored trigger opens as, and the schedule a form asks WebRun for. Pure, so the zone rules
// (a one-off time is the wall clock of the chosen zone, not of this browser) are plain code.
import type { TriggerView } from '../../../src-main/contract/index';
import { instantInZone, LOCAL_ZONE, wallTimeIn } from './schedule-words';

export type Kind = 'at' | 'every' | 'cron';

export interface Form {
  name: string;
  prompt: string;
  startingUrl: string;
  environmentId: string;
  kind: Kind;
  at: string;
  every: string;
  cron: string;
  timezone: string;
  maxFailures: string;
}

export function emptyForm(): Form {
  return {
    name: '',
    prompt: '',
    startingUrl: '',
    environmentId: '',
    kind: 'cron',
    at: '',
    every: '1d',
    cron: '0 9 * * *',
    timezone: LOCAL_ZONE,
    maxFailures: '5',
  };
}

export function formOf(t: TriggerView): Form {
  return {
    name: t.name,
    prompt: t.prompt,
    startingUrl: t.startingUrl ?? '',
    environmentId: t.environmentId ?? '',
    kind: t.scheduleType,
    at: t.scheduleAt ? atInZone(t.scheduleAt, t.timezone) : '',
    every: t.scheduleInterval ?? '1d',
    cron: t.scheduleCron ?? '0 9 * * *',
    timezone: t.timezone,
    maxFailures: String(t.maxConsecutiveFailures),
  };
}

/** A stored one-off time shown as the wall clock of its own zone, as it was entered. */
function atInZone(iso: string, zone: string): string {
  try {
    return wallTimeIn(Date.parse(iso), zone || 'UTC');
  } catch {
    return iso.slice(0, 16);
  }
}

export function scheduleOf(form: Form) {
  // A one-off time is the wall clock of the chosen zone, not of this browser.
  const at =
    form.kind === 'at' && form.at ? instantInZone(form.at, form.timezone.trim() || 'UTC') : null;
  return {
    scheduleType: form.kind,
    ...(at !== null ? { scheduleAt: new Date(at).toISOString() } : {}),
    ...(form.kind === 'every' ? { scheduleInterval: form.every.trim() } : {}),
    ...(form.kind === 'cron' ? { scheduleCron: form.cron.trim() } : {}),
    timezone: form.timezone.trim() || 'UTC',
  };
}

/** What is wrong before anything is sent, in the order a person fills the form; null if nothing. */
export function formProblem(form: Form): string | null {
  if (!form.name.trim()) return 'Name the schedule.';
  if (!form.prompt.trim()) return 'Describe the task: the prompt is empty.';
  if (!form.environmentId) return 'Pick an environment: WebRun runs every scheduled task in one.';
  if (form.kind === 'at' && !form.at) return 'Pick the date and time to run it at.';
  return null;
}

/** "Pause after failures": a whole number from 1 to 100, or null. */
export function maxFailuresOf(form: Form): number | null {
  const max = Number(form.maxFailures);
  return Number.isInteger(max) && max >= 1 && max <= 100 ? max : null;
}
