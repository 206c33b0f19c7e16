// The batch template: `{{column}}` placeholders in the prompt, the starting URL and the
// structured-output schema's descriptions, filled from one row. Every row is checked by the
// same rules a single task is (CreateTaskInput), so a row that would be refused is listed
// with its line before anything is sent.
import { createHash } from 'node:crypto';
import type { BatchTemplate, RowProblem } from '../../contract/batches';
import { checkNewTask } from '../tasks/task-service';
import type { ParsedRow } from './parse-rows';

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

function placeholdersIn(text: string | null | undefined, into: Set<string>): void {
  for (const match of (text ?? '').matchAll(PLACEHOLDER)) into.add(match[1]!);
}

/** Strings under a `description` key anywhere in a JSON Schema: the only schema text filled in. */
function descriptions(node: unknown, visit: (text: string) => void): void {
  if (Array.isArray(node)) node.forEach((child) => descriptions(child, visit));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'description' && typeof value === 'string') visit(value);
      else descriptions(value, visit);
    }
  }
}

export function placeholders(template: BatchTemplate): string[] {
  const names = new Set<string>();
  placeholdersIn(template.prompt, names);
  placeholdersIn(template.startingUrl, names);
  descriptions(template.options.outputSchema, (text) => placeholdersIn(text, names));
  return [...names];
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? '');
}

function fillSchema(node: unknown, values: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((child) => fillSchema(child, values));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === 'description' && typeof value === 'string'
          ? fill(value, values)
          : fillSchema(value, values),
      ]),
    );
  }
  return node;
}

/** The tags every task of a batch carries; history filters by the first. */
export function batchTag(batchId: string): string {
  return `batch-${batchId}`;
}

/** One row's task, as the task service takes it (not yet checked). */
export function renderTask(
  template: BatchTemplate,
  values: Record<string, string>,
  batchId: string | null,
) {
  const startingUrl = template.startingUrl ? fill(template.startingUrl, values).trim() : null;
  return {
    prompt: fill(template.prompt, values),
    startingUrl: startingUrl || null,
    options: {
      ...template.options,
      ...(template.options.outputSchema
        ? {
            outputSchema: fillSchema(template.options.outputSchema, values) as Record<
              string,
              unknown
            >,
          }
        : {}),
    },
    mode: template.mode,
    priority: template.priority,
    tags: batchId
      ? [batchTag(batchId), ...template.tags.filter((t) => t !== batchTag(batchId))]
      : template.tags,
    costCap: template.costCap,
    ...(template.environmentId ? { environmentId: template.environmentId } : {}),
  };
}

export interface RowCheck {
  unknownColumns: string[];
  problems: RowProblem[];
}

/** Placeholders the rows lack, and rows with a missing value or a task that would be refused. */
export function checkRows(template: BatchTemplate, columns: string[], rows: ParsedRow[]): RowCheck {
  const names = placeholders(template);
  const unknownColumns = names.filter((name) => !columns.includes(name));
  if (unknownColumns.length > 0) return { unknownColumns, problems: [] };
  const problems: RowProblem[] = [];
  for (const row of rows) {
    if (row.extra) {
      const n = columns.length + row.extra.length;
      problems.push({
        line: row.line,
        missing: [],
        message: `Line ${row.line}: ${n} values for ${columns.length} columns (${columns.join(', ')}); a value holding the separator needs quotes around it.`,
      });
      continue;
    }
    const missing = names.filter((name) => (row.values[name] ?? '').trim() === '');
    if (missing.length > 0) {
      problems.push({
        line: row.line,
        missing,
        message: `Line ${row.line}: no value for ${missing.join(', ')}.`,
      });
      continue;
    }
    const checked = checkNewTask(renderTask(template, row.values, 'check'));
    if (!checked.ok)
      problems.push({
        line: row.line,
        missing: [],
        message: `Line ${row.line}: ${checked.issues.map((i) => i.message).join('; ')}`,
      });
  }
  return { unknownColumns, problems };
}

/** Tasks from "the same template" share this key: same prompt, URL and output, whatever the rows. */
export function templateKey(template: BatchTemplate): string {
  const { prompt, startingUrl, options } = template;
  return createHash('sha256')
    .update(
      JSON.stringify([
        prompt,
        startingUrl,
        options.outputType ?? 'text',
        options.outputSchema ?? null,
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}
