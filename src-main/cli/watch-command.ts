// `webrun-desk watch`: watches from the command line. list, add, runs, pause, resume and remove
// read and write the history directly; `watch run` is a long-lived desk that runs due watches
// (and follows their tasks) until Ctrl-C, printing each run sent and each alert. Names, alert
// messages and values come partly from web pages: everything is written through terminal-text.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DeskError } from '../contract/dispatch';
import { chainTimers } from '../contract/timers';
import type { WatchInput } from '../contract/watches';
import { resolveConfig } from '../core/config';
import { openStore } from '../core/store/open-store';
import { writableCheck } from '../core/store/writable';
import { TaskStore } from '../core/tasks/task-store';
import { wireWatches, type Watches, type WatchSummary } from '../core/watches/wire-watches';
import { baseUrlOption, intOption, numberOption, usageErrors, UsageError } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import type { Progress } from './command';
import { existingDbPath } from './existing-db';
import { SHORT_ID } from './history-command';
import { closeOnSignals } from './host-close';
import { jsonText, writeErr, writeOut } from './terminal-text';

const OPTIONS = {
  ...DESK_OPTIONS,
  json: { type: 'boolean' },
  from: { type: 'string' },
  name: { type: 'string' },
  prompt: { type: 'string' },
  value: { type: 'string', multiple: true },
  'starting-url': { type: 'string' },
  'output-type': { type: 'string' },
  schema: { type: 'string' },
  preset: { type: 'string' },
  at: { type: 'string' },
  every: { type: 'string' },
  cron: { type: 'string' },
  timezone: { type: 'string' },
  check: { type: 'string', multiple: true },
  'watch-path': { type: 'string', multiple: true },
  'ignore-path': { type: 'string', multiple: true },
  'ignore-pattern': { type: 'string', multiple: true },
  tolerance: { type: 'string' },
  'tolerance-percent': { type: 'string' },
  'unchanged-days': { type: 'string' },
  'catch-up': { type: 'string' },
  'cost-cap': { type: 'string' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return usageErrors(() =>
    parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS }),
  );
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${what} ${path} is not JSON: ${(error as Error).message}`);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${what} must be JSON, as {"kind":"present","path":"price"}; got ${text}`);
  }
}

/** The watch the flags describe (checked in full by the core, which names what is wrong). */
export function inputFromFlags(values: Values): WatchInput {
  if (values.from) return readJson(values.from, 'the watch file') as WatchInput;
  if (!values.name || !values.prompt)
    throw new UsageError('watch add needs --name and --prompt (or --from FILE)');
  const kinds = (['preset', 'every', 'cron'] as const).filter((k) => values[k] !== undefined);
  if (kinds.length !== 1)
    throw new UsageError('watch add needs exactly one of --preset P, --every 1h or --cron "EXPR"');
  const timezone = values.timezone ?? 'UTC';
  const schedule =
    kinds[0] === 'preset'
      ? { kind: 'preset', preset: values.preset, at: values.at ?? '09:00', timezone }
      : kinds[0] === 'every'
        ? { kind: 'every', interval: values.every, timezone }
        : { kind: 'cron', cron: values.cron, timezone };
  const values_ = Object.fromEntries(
    (values.value ?? []).map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 1) throw new UsageError(`--value takes NAME=VALUE, not "${pair}"`);
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
  const outputType = values['output-type'];
  return {
    name: values.name,
    template: {
      prompt: values.prompt,
      startingUrl: values['starting-url'] ?? null,
      options: {
        ...(outputType ? { outputType: outputType as 'text' } : {}),
        ...(values.schema ? { outputSchema: readJson(values.schema, 'the schema') as never } : {}),
      },
      costCap: numberOption(values['cost-cap'], 'cost-cap', { min: 0.000001, max: 1e6 }) ?? null,
    },
    values: values_,
    schedule: schedule as WatchInput['schedule'],
    checks: (values.check ?? []).map((c) => parseJson(c, '--check')) as WatchInput['checks'],
    change: {
      watch: values['watch-path'] ?? [],
      ignorePaths: values['ignore-path'] ?? [],
      ignorePatterns: values['ignore-pattern'] ?? [],
      tolerance: numberOption(values.tolerance, 'tolerance', { min: 0, max: 1e12 }) ?? 0,
      tolerancePercent:
        numberOption(values['tolerance-percent'], 'tolerance-percent', { min: 0, max: 1000 }) ?? 0,
      unchangedDays:
        intOption(values['unchanged-days'], 'unchanged-days', { min: 1, max: 365 }) ?? null,
    },
    catchUp: (values['catch-up'] ?? 'once') as 'once',
  };
}

const percent = (n: number | null): string => (n === null ? '—' : `${Math.round(n * 100)}%`);
const when = (ms: number | null): string =>
  ms === null ? '—' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function watchLines(list: WatchSummary[]): string[] {
  if (list.length === 0) return ['No watches yet (webrun-desk watch add --help).'];
  return list.flatMap((w) => {
    const state = w.state === 'active' ? 'active' : `${w.state}${w.reason ? ` (${w.reason})` : ''}`;
    const lines = [
      `${w.id.slice(0, SHORT_ID)}  ${w.name.replace(/\s+/g, ' ')}  ${state}  ${w.scheduleText}  next ${when(w.nextRunAt)}`,
      `          last ${w.rates.runs} run(s): pass ${percent(w.rates.passRate)} (${w.rates.passed} pass, ${w.rates.failed} fail, ${w.rates.unverified} unverified), flap ${percent(w.rates.flapRate)}${w.missed ? `; ${w.missed} missed` : ''}`,
    ];
    if (w.lastAlert)
      lines.push(
        `          last alert ${when(w.lastAlert.at)}: ${w.lastAlert.message.replace(/\s+/g, ' ').slice(0, 200)}`,
      );
    return lines;
  });
}

/** Watches on the history file, without a backend (nothing is sent from here). */
function withWatches<T>(dbPath: string, use: (w: Watches) => T, reads = false): T {
  const opened = openStore(dbPath);
  // A reading action says once that the history is read-only; a writing one is refused with it.
  if (reads && opened.readOnlyReason) writeErr(`${opened.readOnlyReason}\n`);
  const watches = wireWatches({
    db: opened.db,
    tasks: new TaskStore(opened.db),
    now: Date.now,
    timers: chainTimers(),
    log: () => {},
    createTask: () => {
      throw new Error('watch commands other than `watch run` never send a task');
    },
    budgetBlocker: () => null,
    writable: writableCheck(opened.readOnlyReason),
    run: false,
  });
  try {
    return use(watches);
  } catch (error) {
    // A watch the core refuses is bad usage (exit 2); a missing one is a failure (exit 1).
    if (error instanceof DeskError)
      throw error.code === 'invalid_input'
        ? new UsageError(error.message)
        : new Error(error.message);
    throw error;
  } finally {
    watches.close();
    opened.db.close();
  }
}

async function runWatches(values: Values, progress: Progress): Promise<null> {
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: true,
    progress,
    runWatches: true,
  });
  desk.watches.onAlert((alert) => writeOut(`Alert (${alert.kind}): ${alert.message}\n`));
  // It sends tasks, so it closes as the app does: WebRun's answers to what it is sending first.
  closeOnSignals({
    desk,
    progress,
    again: 'Ctrl+C again to quit now',
    stopTaking: async () => {},
  });
  const count = desk.watches.store.list().filter((w) => w.state === 'active').length;
  writeOut(`Running ${count} active watch(es) on ${desk.info.dbPath}; Ctrl-C to stop.\n`);
  return null;
}

export async function watchCommand(argv: string[], progress: Progress): Promise<number | null> {
  const { values, positionals } = parse(argv);
  const [action, id, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`watch ${action} takes one id at most`);
  const needId = (): string => {
    if (!id) throw new UsageError(`watch ${action} needs a watch id (as watch list shows it)`);
    return id;
  };
  const print = (value: unknown, lines: string[]) =>
    writeOut(values.json ? `${jsonText(value)}\n` : lines.map((l) => `${l}\n`).join(''));
  switch (action) {
    case 'run':
      return runWatches(values, progress);
    case 'add': {
      const input = inputFromFlags(values);
      const path = resolveConfig({ dbPath: values.db }).dbPath;
      const watch = withWatches(path, (w) => w.add(input));
      print(watch, [
        `Added watch ${watch.id.slice(0, SHORT_ID)} (${watch.name}). It runs while the app or \`webrun-desk watch run\` runs.`,
      ]);
      return 0;
    }
    case 'list': {
      const list = withWatches(existingDbPath(values.db), (w) => w.list(), true);
      print(list, watchLines(list));
      return 0;
    }
    case 'runs': {
      const runs = withWatches(
        existingDbPath(values.db),
        (w) => w.store.runs(w.resolve(needId()).id, 50),
        true,
      );
      print(
        runs,
        runs.length === 0
          ? ['No runs yet.']
          : runs.map((r) =>
              `${when(r.dueAt)}  ${r.state}  ${r.taskId ? r.taskId.slice(0, SHORT_ID) : '—'}  ${r.taskStatus ?? '—'}  ${r.verdict ?? '—'}  ${r.material === null ? '' : r.material ? 'changed' : 'unchanged'}`.trimEnd(),
            ),
      );
      return 0;
    }
    case 'pause':
    case 'resume':
    case 'remove': {
      const done = withWatches(existingDbPath(values.db), (w) => {
        const watch = w.resolve(needId());
        if (action === 'remove') {
          w.remove(watch.id);
          return { ...watch, removed: true };
        }
        return w.setState(watch.id, action === 'pause' ? 'paused' : 'active');
      });
      const what =
        action === 'remove'
          ? 'Removed (its runs stay in the history)'
          : action === 'pause'
            ? 'Paused'
            : 'Resumed (counting from now)';
      print(done, [`${what}: watch ${done.id.slice(0, SHORT_ID)} (${done.name}).`]);
      return 0;
    }
    default:
      throw new UsageError(
        action
          ? `unknown watch action "${action}"; use list, add, run, runs, pause, resume or remove`
          : 'watch needs an action: list, add, run, runs, pause, resume or remove',
      );
  }
}
