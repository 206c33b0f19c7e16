// `webrun-desk triggers`: WebRun's scheduled tasks (cron jobs): list, create (at a time, every
// interval or on a cron expression, in a time zone), pause, resume, run now, delete, and a
// trigger's runs. A documented refusal prints WebRun's own message and exits 1.
import { parseArgs } from 'node:util';
import type { TriggerRunView, TriggerView } from '../contract/index';
import { formatUsd } from '../contract/money-format';
import type { Desk } from '../core/desk';
import { baseUrlOption, usageErrors, UsageError } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import type { Progress } from './command';
import { jsonText, writeOut } from './terminal-text';

const OPTIONS = {
  ...DESK_OPTIONS,
  json: { type: 'boolean' },
  name: { type: 'string' },
  env: { type: 'string' },
  prompt: { type: 'string' },
  at: { type: 'string' },
  every: { type: 'string' },
  cron: { type: 'string' },
  timezone: { type: 'string' },
  'starting-url': { type: 'string' },
} as const;

function when(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}

function line(t: TriggerView): string {
  const failures =
    t.consecutiveFailures > 0 ? `  ${t.consecutiveFailures} failure(s) in a row` : '';
  const reason = t.pausedReason ? `  (${t.pausedReason})` : '';
  return `${t.id}  ${t.name}  ${t.status}  ${t.scheduleText}  next ${when(t.nextRunAt)}${failures}${reason}`;
}

function runLine(r: TriggerRunView): string {
  return `${r.id}  ${r.status}  ${when(r.createdAt)}  cost ${formatUsd(r.cost)}${r.error ? `  ${r.error}` : ''}`;
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return usageErrors(() =>
    parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS }),
  );
}

function createInput(values: Values) {
  const missing = (['name', 'env', 'prompt'] as const).filter((k) => !values[k]);
  if (missing.length)
    throw new UsageError(`triggers create needs ${missing.map((k) => `--${k}`).join(', ')}`);
  const schedules = (['at', 'every', 'cron'] as const).filter((k) => values[k] !== undefined);
  if (schedules.length !== 1)
    throw new UsageError(
      'triggers create needs exactly one of --at ISO, --every 30m or --cron "EXPR"',
    );
  const type = schedules[0]!;
  if (type === 'at' && Number.isNaN(Date.parse(values.at!)))
    throw new UsageError(`--at must be an ISO date and time, not "${values.at}"`);
  return {
    name: values.name!,
    environmentId: values.env!,
    prompt: values.prompt!,
    scheduleType: type,
    ...(type === 'at' ? { scheduleAt: new Date(values.at!).toISOString() } : {}),
    ...(type === 'every' ? { scheduleInterval: values.every } : {}),
    ...(type === 'cron' ? { scheduleCron: values.cron } : {}),
    ...(values.timezone ? { timezone: values.timezone } : {}),
    ...(values['starting-url'] ? { startingUrl: values['starting-url'] } : {}),
  };
}

export async function triggersCommand(argv: string[], progress: Progress): Promise<number> {
  const { values, positionals } = parse(argv);
  const [action, ...args] = positionals;
  const out = (json: unknown, text: string): void => {
    writeOut(values.json ? `${jsonText(json)}\n` : `${text}\n`);
  };
  const oneId = (): string => {
    if (args.length !== 1) throw new UsageError(`usage: webrun-desk triggers ${action} ID`);
    return args[0]!;
  };
  let run: (desk: Desk) => Promise<void>;
  switch (action) {
    case 'list':
      run = async (desk) => {
        const list = await desk.handlers['triggers.list']({});
        out(list, list.length ? list.map(line).join('\n') : 'No triggers.');
      };
      break;
    case 'create': {
      const input = createInput(values);
      run = async (desk) => {
        const preview = await desk.handlers['triggers.preview'](input);
        if (preview.error) throw new UsageError(preview.error);
        const created = await desk.handlers['triggers.create'](input);
        out(created, line(created));
      };
      break;
    }
    case 'pause':
    case 'resume': {
      const id = oneId();
      run = async (desk) => {
        const t = await desk.handlers[action === 'pause' ? 'triggers.pause' : 'triggers.resume']({
          id,
        });
        out(t, line(t));
      };
      break;
    }
    case 'run': {
      const id = oneId();
      run = async (desk) => {
        const result = await desk.handlers['triggers.run']({ id });
        out(result, result.message);
      };
      break;
    }
    case 'delete': {
      const id = oneId();
      run = async (desk) => {
        await desk.handlers['triggers.delete']({ id });
        out({ deleted: id }, `Deleted trigger ${id}.`);
      };
      break;
    }
    case 'runs': {
      const id = oneId();
      run = async (desk) => {
        const page = await desk.handlers['triggers.runs']({ id, page: 1 });
        out(page, page.runs.length ? page.runs.map(runLine).join('\n') : 'No runs yet.');
      };
      break;
    }
    default:
      throw new UsageError(
        `triggers needs list, create, pause, resume, run, delete or runs${action ? `, not "${action}"` : ''}`,
      );
  }
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: false,
    progress,
    // Listing stores nothing: it works on a history this user cannot write.
    readsOnly: action === 'list' || action === 'runs',
  });
  try {
    await run(desk);
    return 0;
  } finally {
    await desk.close();
  }
}
