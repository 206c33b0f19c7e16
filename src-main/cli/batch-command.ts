// `webrun-desk batch FILE`: one template over every row of a CSV or JSON file, on the same
// core the app uses. Progress goes to stderr; stdout carries only the results.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchTemplate } from '../contract/batches';
import { formatUsd } from '../contract/money-format';
import { parseRows, RowsError } from '../core/batches/parse-rows';
import { exportResults } from '../core/batches/results';
import { renderTask } from '../core/batches/template';
import { intOption, numberOption, usageErrors, UsageError } from './args';
import { cliDesk } from './cli-desk';
import { storageGuard } from './storage-guard';
import { onInterruptFollowing } from './interrupt';
import { batchExitCode, batchJson, followBatch } from './batch-progress';
import { jsonText, writeOut } from './terminal-text';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function parseBatchArgs(argv: string[]) {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        template: { type: 'string' },
        'starting-url': { type: 'string' },
        'output-type': { type: 'string' },
        schema: { type: 'string' },
        concurrency: { type: 'string' },
        budget: { type: 'string' },
        'cost-cap': { type: 'string' },
        env: { type: 'string' },
        'dry-run': { type: 'boolean' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        db: { type: 'string' },
        'base-url': { type: 'string' },
      },
    }),
  );
  if (positionals.length !== 1)
    throw new UsageError(
      'batch takes exactly one file of rows: webrun-desk batch FILE.csv --template "…"',
    );
  if (!values.template) throw new UsageError('batch needs --template "…{{column}}…"');
  if (values.out !== undefined && !['.csv', '.json'].includes(extname(values.out).toLowerCase()))
    throw new UsageError('--out must name a .csv or .json file');
  if (values['base-url'] !== undefined && !/^https?:\/\/[^\s]+$/.test(values['base-url']))
    throw new UsageError('--base-url must be an http(s) URL');
  // Said once here, rather than once for every row by the row check.
  if (values['output-type']?.startsWith('structured') && values.schema === undefined) {
    throw new UsageError(
      `--output-type ${values['output-type']} needs --schema FILE (a JSON Schema object; for structured_csv, a JSON list of column names)`,
    );
  }
  let schema: unknown;
  if (values.schema !== undefined) {
    try {
      schema = JSON.parse(readText(values.schema, '--schema'));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--schema ${values.schema} is not valid JSON`);
    }
  }
  const template = BatchTemplate.safeParse({
    prompt: values.template,
    startingUrl: values['starting-url'] ?? null,
    options: {
      ...(values['output-type'] ? { outputType: values['output-type'] } : {}),
      ...(schema !== undefined ? { outputSchema: schema } : {}),
    },
    costCap: numberOption(values['cost-cap'], 'cost-cap', { min: 0.0001, max: 10_000 }) ?? null,
    environmentId: values.env ?? null,
  });
  if (!template.success)
    throw new UsageError(
      template.error.issues
        .map((i) => `${i.path.join('.') || 'template'}: ${i.message}`)
        .join('; '),
    );
  const settings = {
    concurrency: intOption(values.concurrency, 'concurrency', { min: 1, max: 100 }) ?? 5,
    budget: numberOption(values.budget, 'budget', { min: 0.0001, max: 1_000_000 }) ?? null,
  };
  return { file: positionals[0]!, template: template.data, settings, values };
}

export async function batchCommand(
  argv: string[],
  progress: (line: string) => void,
): Promise<number> {
  const { file, template, settings, values } = parseBatchArgs(argv);
  const text = readText(file, 'the rows file');
  const format = extname(file).toLowerCase() === '.json' ? 'json' : 'auto';
  let parsed;
  try {
    parsed = parseRows(text, format);
  } catch (error) {
    if (error instanceof RowsError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  if (parsed.rows.length === 0)
    throw new UsageError(`${file} has no rows below its header line: there is nothing to run`);
  // A full disk mid-batch ends it with the disk's message (exit 1), never a silent exit 13.
  const storage = storageGuard();
  const desk = await cliDesk({
    db: values.db,
    baseUrl: values['base-url'],
    recover: false,
    progress,
    runner: { onlyOwnTasks: true },
    onStorageFailure: storage.onStorageFailure,
  });
  try {
    const source = { text, format } as const;
    const prepared = await desk.handlers['batches.prepare']({ template, source, settings });
    if (prepared.unknownColumns.length > 0) {
      throw new UsageError(
        `the template names ${prepared.unknownColumns.map((c) => `{{${c}}}`).join(', ')}, which ${file} does not have (its columns: ${prepared.columns.join(', ')})`,
      );
    }
    if (prepared.problems.length > 0) {
      const listed = prepared.problems
        .slice(0, 10)
        .map((p) => p.message.replace(/\.$/, ''))
        .join('; ');
      throw new UsageError(
        `nothing was sent: ${prepared.problems.length} row(s) of ${file} need fixing: ${listed}${prepared.problems.length > 10 ? '; …' : ''}`,
      );
    }
    if (values['dry-run']) {
      const prompts = parsed.rows.map((r) => ({
        line: r.line,
        ...renderTask(template, r.values, null),
      }));
      if (values.json)
        writeOut(
          `${jsonText({ dryRun: true, prompts: prompts.map((p) => ({ line: p.line, prompt: p.prompt, startingUrl: p.startingUrl })), estimate: prepared.estimate })}\n`,
        );
      else {
        for (const p of prompts)
          writeOut(
            `line ${p.line}: ${p.prompt}${p.startingUrl ? `  (starting at ${p.startingUrl})` : ''}\n`,
          );
        writeOut(`${prepared.estimate.text}\nDry run: nothing was sent.\n`);
      }
      return 0;
    }
    progress(prepared.estimate.text);
    // Listening from before the batch exists: a Ctrl+C at any moment after is answered.
    let batchId: string | null = null;
    const interrupt = onInterruptFollowing(
      desk,
      async () =>
        batchId === null
          ? []
          : (await desk.handlers['batches.results']({ id: batchId })).rows.flatMap((r) =>
              r.taskId ? [r.taskId] : [],
            ),
      'it also continues the rows not sent yet',
    );
    const batch = await desk.handlers['batches.create']({
      name: '',
      template,
      source,
      settings,
      skipLines: [],
    });
    batchId = batch.id;
    progress(`Batch ${batch.id}: ${batch.counts.total} rows (history tag ${batch.tag}).`);
    const view = await Promise.race([
      storage.race(followBatch(desk, batch.id, progress)),
      interrupt.interrupted,
    ]);
    if (typeof view === 'number') return view;
    interrupt.stop();
    const results = await desk.handlers['batches.results']({ id: batch.id });
    if (values.out)
      writeFileSync(
        values.out,
        exportResults(results, extname(values.out).toLowerCase() === '.json' ? 'json' : 'csv'),
      );
    if (values.json) writeOut(`${jsonText(batchJson(view, results))}\n`);
    else {
      for (const r of results.rows) {
        const answer = (r.answer ?? r.error ?? '').replace(/\s+/g, ' ').slice(0, 80);
        writeOut(
          `line ${r.line}  ${r.status.replace('_', ' ')}  cost ${formatUsd(r.cost)}  ${answer}\n`,
        );
      }
      if (values.out) writeOut(`Results written to ${values.out}\n`);
    }
    return batchExitCode(results);
  } finally {
    await desk.close();
  }
}
