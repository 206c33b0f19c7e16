// `webrun-desk run`: one task from the command line, followed to its end on the same core
// the app uses. Progress goes to stderr; stdout carries only the result.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { TaskView } from '../contract/index';
import { formatUsd } from '../contract/money-format';
import type { Desk } from '../core/desk';
import { checkNewTask } from '../core/tasks/task-service';
import { baseUrlOption, intOption, numberOption, usageErrors, UsageError } from './args';
import { cliDesk } from './cli-desk';
import { DEFAULT_GIVE_UP_MS, giveUpAfter } from './give-up';
import { onInterrupt, submitted } from './interrupt';
import type { Progress } from './command';
import { taskJson } from './task-json';
import { storageGuard } from './storage-guard';
import {
  jsonText,
  terminalText,
  writeErr,
  writeOut,
  writeStyled,
  type Style,
} from './terminal-text';

export const EXIT_FOR: Partial<Record<TaskView['status'], number>> = {
  completed: 0,
  failed: 1,
  stopped: 1,
  cancelled: 1,
  needs_input: 3,
  unknown: 4,
};

/** Our own colour for the final status word, on a terminal that wants colour. */
const STATUS_STYLE: Partial<Record<TaskView['status'], Style>> = {
  completed: 'green',
  failed: 'red',
  unknown: 'red',
};

function readSchema(path: string | undefined): unknown {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --schema ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--schema ${path} is not valid JSON`);
  }
}

export function parseRunArgs(argv: string[]) {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        'starting-url': { type: 'string' },
        'output-type': { type: 'string' },
        schema: { type: 'string' },
        'max-duration': { type: 'string' },
        'cost-cap': { type: 'string' },
        session: { type: 'string' },
        env: { type: 'string' },
        answer: { type: 'string' },
        'no-wait': { type: 'boolean' },
        'give-up-after': { type: 'string' },
        json: { type: 'boolean' },
        db: { type: 'string' },
        'base-url': { type: 'string' },
      },
    }),
  );
  if (positionals.length !== 1)
    throw new UsageError('run takes exactly one prompt, in quotes: webrun-desk run "<prompt>"');
  const outputType = values['output-type'];
  if (
    outputType !== undefined &&
    !['text', 'structured_json', 'structured_csv'].includes(outputType)
  ) {
    throw new UsageError(
      `--output-type must be text, structured_json or structured_csv, not "${outputType}"`,
    );
  }
  baseUrlOption(values['base-url']);
  const input = checkNewTask({
    prompt: positionals[0],
    startingUrl: values['starting-url'] ?? null,
    sessionId: values.session ?? null,
    ...(values.env ? { environmentId: values.env } : {}),
    costCap: numberOption(values['cost-cap'], 'cost-cap', { min: 0.0001, max: 10_000 }) ?? null,
    options: {
      ...(outputType ? { outputType } : {}),
      ...(values.schema ? { outputSchema: readSchema(values.schema) } : {}),
      ...(values['max-duration']
        ? {
            maxDuration: intOption(values['max-duration'], 'max-duration', {
              min: 1_000,
              max: 300_000,
            }),
          }
        : {}),
    },
  });
  if (!input.ok) throw new UsageError(input.issues.map((i) => i.message).join('; '));
  return { input: input.task, values };
}

/**
 * Asks the person at the terminal; null for an empty answer, undefined when the task stopped
 * waiting first (its question expired, or it was answered or stopped elsewhere), so the run
 * reports that end instead of sitting on a question nobody can answer any more.
 */
async function askOnTerminal(
  desk: Desk,
  id: string,
  question: string,
): Promise<string | null | undefined> {
  if (!process.stdin.isTTY) return null;
  const moved = new AbortController();
  const check = (task: TaskView): void => {
    if (task.status !== 'needs_input') moved.abort();
  };
  const off = desk.subscribe((event) => {
    if (event.name === 'task.updated' && event.payload.id === id) check(event.payload);
  });
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    void Promise.resolve(desk.handlers['tasks.get']({ id })).then(check);
    const answer = await rl.question(
      `The agent asks: ${terminalText(question)}\nYour answer (empty to stop the task): `,
      { signal: moved.signal },
    );
    return answer.trim() === '' ? null : answer;
  } catch (error) {
    if (moved.signal.aborted) {
      writeErr('\n');
      return undefined;
    }
    throw error;
  } finally {
    off();
    rl.close();
  }
}

async function follow(desk: Desk, id: string, presetAnswer: string | undefined): Promise<TaskView> {
  let preset = presetAnswer;
  for (;;) {
    const task = await desk.waitForSettled(id);
    if (task.status !== 'needs_input') return task;
    const answer =
      preset ?? (await askOnTerminal(desk, id, task.question ?? 'The agent needs input.'));
    preset = undefined; // a given answer is sent once; a second question needs a person
    if (answer === undefined) continue;
    if (answer === null) {
      if (process.stdin.isTTY) return desk.handlers['tasks.stop']({ id });
      return task; // nobody to ask: exit code 3
    }
    writeErr('Answer sent.\n');
    await desk.handlers['tasks.answer']({ id, answer, by: 'cli' });
  }
}

export async function runCommand(argv: string[], progress: Progress): Promise<number> {
  const { input, values } = parseRunArgs(argv);
  // A history that cannot be written ends the run with its reason (exit 1), never a hang.
  const storage = storageGuard();
  const giveUpSeconds = intOption(values['give-up-after'], 'give-up-after', {
    min: 10,
    max: 86_400,
  });
  const giveUp = giveUpAfter((giveUpSeconds ?? DEFAULT_GIVE_UP_MS / 1000) * 1000);
  const desk = await cliDesk({
    db: values.db,
    baseUrl: values['base-url'],
    recover: false,
    progress,
    runner: { onlyOwnTasks: true },
    onStorageFailure: storage.onStorageFailure,
  });
  try {
    const off = desk.subscribe((event) => {
      if (event.name === 'task.updated')
        progress(`task ${event.payload.id.slice(0, 8)}: ${event.payload.status.replace('_', ' ')}`);
      if (event.name === 'task.activity')
        progress(`  ${event.payload.kind}: ${event.payload.text}`);
    });
    // The short session id `webrun-desk history` shows is enough.
    if (input.sessionId) input.sessionId = desk.history.completeId('sessions', input.sessionId);
    let createdId: string | null = null;
    const interrupt = onInterrupt(desk, () => createdId);
    const created = await storage.race(Promise.resolve(desk.handlers['tasks.create'](input)));
    createdId = created.id;
    const task = await Promise.race([
      storage.race(
        values['no-wait'] ? submitted(desk, created.id) : follow(desk, created.id, values.answer),
      ),
      interrupt.interrupted,
      giveUp.watch(desk, created.id),
    ]).finally(() => giveUp.stop());
    off();
    // Once Ctrl+C was pressed, its handling decides (a stop it asked for ends the task first).
    if (interrupt.pressed()) return await interrupt.interrupted;
    if (typeof task === 'number') return task; // gave up on an unreachable WebRun: the line was written
    interrupt.stop();
    await desk.filesSettled(task.id);
    const final = await desk.handlers['tasks.get']({ id: task.id });
    if (values.json) {
      writeOut(`${jsonText(taskJson(final, desk.details))}\n`);
    } else {
      writeStyled(STATUS_STYLE[final.status] ?? 'yellow', final.status.replace('_', ' '));
      writeOut(`${final.resultMessage ? `: ${final.resultMessage}` : ''}\n`);
      if (final.question) writeOut(`question: ${final.question}\n`);
      if (final.error)
        writeOut(
          `reason: ${final.error.code ? `${final.error.code}: ` : ''}${final.error.message}\n`,
        );
      if (final.usage?.cost != null)
        writeOut(`cost: ${formatUsd(final.usage.cost)} (${final.costSource})\n`);
      if (values['no-wait']) writeOut(`id: ${final.id} (follow it with: webrun-desk resume)\n`);
    }
    if (values['no-wait']) return final.status === 'running' ? 0 : (EXIT_FOR[final.status] ?? 0);
    return EXIT_FOR[final.status] ?? 1;
  } finally {
    await desk.close();
  }
}
