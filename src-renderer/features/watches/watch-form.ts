// The watch editor's fields as text and back: the task template goes through the composer's own
// checks (compose-input's buildInput: prompt, starting URL, schema, cost cap), the checks through
// check-rows, the schedule and change settings through the contract's zod-free rules
// (watch-rules.ts). Every mistake is kept by field, so the form shows each beside its field and
// loses nothing. The core checks all of it again when the watch is saved.
import type { OutputType } from '../../../src-main/contract/index';
import type {
  CatchUp,
  ChangeSettings,
  WatchCheck,
  WatchInput,
  WatchSchedule,
  WatchView,
} from '../../../src-main/contract/watches';
import {
  keyPathProblem,
  patternProblem,
  TIME_OF_DAY,
  TOLERANCE_MAX,
  TOLERANCE_PERCENT_MAX,
  UNCHANGED_DAYS_MAX,
  WORDS,
} from '../../../src-main/contract/watch-rules';
import { buildInput, EMPTY_FORM } from '../composer/compose-input';
import { placeholdersOf } from '../composer/placeholders';
import { LOCAL_ZONE } from '../schedules/schedule-words';
import { checkOf, rowOf, type CheckRow } from './check-rows';

export type ScheduleKind = WatchSchedule['kind'];
export type Preset = Extract<WatchSchedule, { kind: 'preset' }>['preset'];

export interface WatchForm {
  name: string;
  prompt: string;
  startingUrl: string;
  outputType: OutputType;
  jsonSchema: string;
  csvColumns: string;
  environmentId: string;
  costCap: string;
  /** Values of the {{placeholders}}, by name; kept when a placeholder is removed and typed again. */
  values: Record<string, string>;
  scheduleKind: ScheduleKind;
  preset: Preset;
  at: string;
  cron: string;
  interval: string;
  timezone: string;
  checks: CheckRow[];
  /** One key path (or pattern) per line. */
  watchPaths: string;
  ignorePaths: string;
  ignorePatterns: string;
  tolerance: string;
  tolerancePercent: string;
  unchangedDays: string;
  catchUp: CatchUp;
}

export type FormErrors = Record<string, string>;

export function emptyWatchForm(): WatchForm {
  return {
    name: '',
    prompt: '',
    startingUrl: '',
    outputType: 'structured_json',
    jsonSchema: '',
    csvColumns: '',
    environmentId: '',
    costCap: '',
    values: {},
    scheduleKind: 'preset',
    preset: 'daily',
    at: '09:00',
    cron: '0 9 * * 1-5',
    interval: '1h',
    timezone: LOCAL_ZONE,
    checks: [],
    watchPaths: '',
    ignorePaths: '',
    ignorePatterns: '',
    tolerance: '',
    tolerancePercent: '',
    unchangedDays: '',
    catchUp: 'once',
  };
}

const lines = (list: string[]): string => list.join('\n');

export function formOfWatch(w: WatchView): WatchForm {
  const schema = w.template.options.outputSchema ?? null;
  const s = w.schedule;
  return {
    ...emptyWatchForm(),
    name: w.name,
    prompt: w.template.prompt,
    startingUrl: w.template.startingUrl ?? '',
    outputType: w.template.options.outputType ?? 'text',
    jsonSchema: schema && !Array.isArray(schema) ? JSON.stringify(schema, null, 2) : '',
    csvColumns: Array.isArray(schema) ? schema.join(', ') : '',
    environmentId: w.template.environmentId ?? '',
    costCap: w.template.costCap === null ? '' : String(w.template.costCap),
    values: { ...w.values },
    scheduleKind: s.kind,
    ...(s.kind === 'preset' ? { preset: s.preset, at: s.at } : {}),
    ...(s.kind === 'cron' ? { cron: s.cron } : {}),
    ...(s.kind === 'every' ? { interval: s.interval } : {}),
    timezone: s.timezone,
    checks: w.checks.map(rowOf),
    watchPaths: lines(w.change.watch),
    ignorePaths: lines(w.change.ignorePaths),
    ignorePatterns: lines(w.change.ignorePatterns),
    tolerance: w.change.tolerance ? String(w.change.tolerance) : '',
    tolerancePercent: w.change.tolerancePercent ? String(w.change.tolerancePercent) : '',
    unchangedDays: w.change.unchangedDays === null ? '' : String(w.change.unchangedDays),
    catchUp: w.catchUp,
  };
}

/** The placeholders the template uses, in the order they appear. */
export function placeholdersIn(form: Pick<WatchForm, 'prompt' | 'startingUrl'>): string[] {
  return placeholdersOf(form.prompt, form.startingUrl);
}

export function scheduleOf(form: WatchForm): WatchSchedule {
  const timezone = form.timezone.trim() || 'UTC';
  if (form.scheduleKind === 'preset')
    return { kind: 'preset', preset: form.preset, at: form.at.trim(), timezone };
  if (form.scheduleKind === 'cron') return { kind: 'cron', cron: form.cron.trim(), timezone };
  return { kind: 'every', interval: form.interval.trim(), timezone };
}

function template(form: WatchForm, errors: FormErrors) {
  // A starting URL with a {{placeholder}} is checked once filled, by the core; not here.
  const url = form.startingUrl.includes('{{') ? '' : form.startingUrl;
  const built = buildInput({
    ...EMPTY_FORM,
    prompt: form.prompt,
    startingUrl: url,
    outputType: form.outputType,
    jsonSchema: form.jsonSchema,
    csvColumns: form.csvColumns,
    costCap: form.costCap,
  });
  if (!built.ok) {
    Object.assign(errors, built.errors);
    return null;
  }
  const { prompt, startingUrl, options, costCap } = built.input;
  return {
    prompt: prompt.trim(),
    startingUrl: form.startingUrl.includes('{{') ? form.startingUrl.trim() : startingUrl,
    options: { outputType: options?.outputType, outputSchema: options?.outputSchema ?? null },
    costCap: costCap ?? null,
    environmentId: form.environmentId || null,
  };
}

const list = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Each line checked by `problem`; the first bad one is said with its line number. */
function lineList(
  field: string,
  text: string,
  problem: (line: string) => string | null,
  errors: FormErrors,
): string[] {
  const items = list(text);
  const bad = items.findIndex((line) => problem(line) !== null);
  if (bad >= 0) errors[field] = `Line ${bad + 1} (“${items[bad]}”): ${problem(items[bad]!)}`;
  return items;
}

function change(form: WatchForm, errors: FormErrors): ChangeSettings | null {
  const number = (
    field: string,
    label: string,
    value: string,
    max: number,
    whole = false,
  ): number | null => {
    if (value.trim() === '') return null;
    const n = Number(value);
    if (!Number.isFinite(n)) errors[field] = `${label} must be a number: “${value.trim()}” is not.`;
    else if (n < (whole ? 1 : 0) || n > max || (whole && !Number.isInteger(n)))
      errors[field] =
        `${label} must be ${whole ? 'a whole number' : 'a number'} from ${whole ? 1 : 0} to ${max.toLocaleString('en-US')}.`;
    else return n;
    return null;
  };
  const before = Object.keys(errors).length;
  const settings: ChangeSettings = {
    watch: lineList('watchPaths', form.watchPaths, keyPathProblem, errors),
    ignorePaths: lineList('ignorePaths', form.ignorePaths, keyPathProblem, errors),
    ignorePatterns: lineList('ignorePatterns', form.ignorePatterns, patternProblem, errors),
    tolerance: number('tolerance', 'Tolerance', form.tolerance, TOLERANCE_MAX) ?? 0,
    tolerancePercent:
      number(
        'tolerancePercent',
        'Tolerance in percent',
        form.tolerancePercent,
        TOLERANCE_PERCENT_MAX,
      ) ?? 0,
    unchangedDays: number('unchangedDays', 'Days', form.unchangedDays, UNCHANGED_DAYS_MAX, true),
  };
  return Object.keys(errors).length > before ? null : settings;
}

export type Built = { ok: true; input: WatchInput } | { ok: false; errors: FormErrors };

/** The contract's WatchInput for these fields, or every mistake by field. */
export function buildWatch(form: WatchForm): Built {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = 'Name the watch.';
  const tmpl = template(form, errors);
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of placeholdersIn(form)) {
    const value = (form.values[name] ?? '').trim();
    if (value) values[name] = value;
    else missing.push(`{{${name}}}`);
  }
  if (missing.length) errors.values = `Give a value for ${missing.join(', ')}.`;
  const schedule = scheduleOf(form);
  if (schedule.kind === 'preset' && !TIME_OF_DAY.test(schedule.at)) errors.at = WORDS.timeOfDay;
  const checks = form.checks.flatMap((row) => {
    const result = checkOf(row);
    if ('check' in result) return [result.check];
    errors[`check-${row.key}`] = result.error;
    return [];
  });
  const settings = change(form, errors);
  if (Object.keys(errors).length > 0 || !tmpl || !settings) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name: form.name.trim(),
      template: tmpl,
      values,
      schedule,
      checks,
      change: settings,
      catchUp: form.catchUp,
    },
  };
}

/** What a saved template or a past task brings to a new watch: its task, not its schedule. */
export interface TaskSource {
  prompt: string;
  startingUrl: string | null;
  options: { outputType?: OutputType; outputSchema?: Record<string, unknown> | string[] | null };
  costCap: number | null;
  environmentId?: string | null;
  /** A saved template's checks: the watch starts with a copy of them. */
  checks?: WatchCheck[];
}

export function fieldsFrom(source: TaskSource): Partial<WatchForm> {
  const schema = source.options.outputSchema ?? null;
  return {
    prompt: source.prompt,
    startingUrl: source.startingUrl ?? '',
    outputType: source.options.outputType ?? 'text',
    jsonSchema: schema && !Array.isArray(schema) ? JSON.stringify(schema, null, 2) : '',
    csvColumns: Array.isArray(schema) ? schema.join(', ') : '',
    costCap: source.costCap === null ? '' : String(source.costCap),
    environmentId: source.environmentId ?? '',
    ...(source.checks && source.checks.length > 0 ? { checks: source.checks.map(rowOf) } : {}),
  };
}
