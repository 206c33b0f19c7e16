// `webrun-desk batches` and `webrun-desk batch-status ID`: reading batches, sending nothing.
import { parseArgs } from 'node:util';
import { formatUsd } from '../contract/money-format';
import { resolveConfig } from '../core/config';
import { createDesk, type Desk } from '../core/desk';
import { usageErrors, UsageError } from './args';
import { batchJson, progressLine } from './batch-progress';
import { existingDbPath } from './existing-db';
import { jsonText, writeOut } from './terminal-text';

async function withDesk<T>(
  db: string | undefined,
  progress: (line: string) => void,
  work: (desk: Desk) => Promise<T>,
): Promise<T> {
  const config = resolveConfig({ dbPath: db });
  const desk = await createDesk({
    dbPath: existingDbPath(db),
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    host: 'browser',
    // It sends nothing: a private sandbox, rather than starting the history's shared one.
    sandbox: { timeScale: config.sandboxTimeScale },
    recover: false,
    runner: { onlyOwnTasks: true },
    log: () => {},
  });
  // Its one line on a history it cannot write, as every reading command says it.
  if (desk.readOnlyReason) progress(desk.readOnlyReason);
  try {
    return await work(desk);
  } finally {
    await desk.close();
  }
}

export async function batchesCommand(
  argv: string[],
  progress: (line: string) => void,
): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { json: { type: 'boolean' }, db: { type: 'string' } },
    }),
  );
  return withDesk(values.db, progress, async (desk) => {
    const list = await desk.handlers['batches.list']({});
    if (values.json)
      writeOut(
        `${jsonText(list.map((b) => ({ id: b.id, name: b.name, state: b.state, createdAt: b.createdAt, counts: b.counts, spent: b.spent, budget: b.budget, retryOf: b.retryOf })))}\n`,
      );
    else if (list.length === 0) writeOut('No batches yet.\n');
    else
      for (const b of list)
        writeOut(`${b.id}  ${b.state.replace('_', ' ')}  ${progressLine(b)}  ${b.name}\n`);
    return 0;
  });
}

export async function batchStatusCommand(
  argv: string[],
  progress: (line: string) => void,
): Promise<number> {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, db: { type: 'string' } },
    }),
  );
  if (positionals.length !== 1)
    throw new UsageError('batch-status takes one batch id: webrun-desk batch-status ID');
  return withDesk(values.db, progress, async (desk) => {
    const id = positionals[0]!;
    const batch = await Promise.resolve()
      .then(() => desk.handlers['batches.get']({ id }))
      .catch(() => {
        throw new UsageError(`no batch with id ${id} (see webrun-desk batches)`);
      });
    const results = await desk.handlers['batches.results']({ id });
    if (values.json)
      writeOut(
        `${jsonText({ ...batchJson(batch, results), state: batch.state, reason: batch.reason, spent: batch.spent, budget: batch.budget })}\n`,
      );
    else {
      writeOut(
        `${batch.id}  ${batch.name}\n${progressLine(batch)}\n${batch.reason ? `${batch.reason}\n` : ''}`,
      );
      for (const r of results.rows)
        writeOut(`line ${r.line}  ${r.status.replace('_', ' ')}  cost ${formatUsd(r.cost)}\n`);
    }
    return 0;
  });
}
