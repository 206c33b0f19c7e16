// A run as comparison and checks see it (RunSnapshot), and its output read by its declared type:
// structured JSON parsed, CSV parsed into rows (papaparse, the library batches already use),
// text as is. Output is web content: it is parsed as data, never run, and what cannot be read
// says why instead of comparing as empty.
import Papa from 'papaparse';
import type { OutputType } from '../../contract/task-view';

export interface RunSnapshot {
  id: string;
  status: string;
  createdAt: number;
  outputType: OutputType;
  outputSchema: unknown;
  result: string | null;
  cost: number | null;
  tokens: number | null;
  durationMs: number | null;
  steps: number | null;
  /** Hosts of the visited URLs. */
  hosts: string[];
  files: string[];
  questions: string[];
}

export type RunOutput =
  | { kind: 'json'; value: unknown }
  | { kind: 'csv'; columns: string[]; rows: Record<string, string>[] }
  | { kind: 'text'; text: string }
  | { kind: 'unreadable'; reason: string };

/** Output larger than this is not parsed (a hostile page could answer with anything). */
export const MAX_OUTPUT_CHARS = 5_000_000;

/** A model sometimes wraps JSON in a ```json fence; the fence is not part of the answer. */
function unfenced(text: string): string {
  const match = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return match ? match[1]! : text;
}

export function readOutput(run: Pick<RunSnapshot, 'outputType' | 'result' | 'status'>): RunOutput {
  if (run.result === null || run.result === undefined)
    return { kind: 'unreadable', reason: `The run has no output (it is ${run.status}).` };
  if (run.result.length > MAX_OUTPUT_CHARS)
    return { kind: 'unreadable', reason: 'The output is too large to read (over 5 MB).' };
  if (run.outputType === 'structured_json') {
    try {
      return { kind: 'json', value: JSON.parse(unfenced(run.result)) as unknown };
    } catch (error) {
      return {
        kind: 'unreadable',
        reason: `The structured output is not valid JSON: ${(error as Error).message}`,
      };
    }
  }
  if (run.outputType === 'structured_csv') return readCsv(unfenced(run.result));
  return { kind: 'text', text: run.result };
}

function readCsv(text: string): RunOutput {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: true,
  });
  const columns = parsed.meta.fields ?? [];
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
  if (columns.length === 0 || fatal)
    return {
      kind: 'unreadable',
      reason: `The CSV output cannot be read${fatal ? `: ${fatal.message}` : ' (no header row)'}.`,
    };
  const rows = parsed.data.map((row) =>
    Object.fromEntries(columns.map((c) => [c, String(row[c] ?? '')])),
  );
  return { kind: 'csv', columns, rows };
}

/** Output as a JSON value for key paths: CSV rows become a list of records. */
export function asValue(output: RunOutput): unknown {
  if (output.kind === 'json') return output.value;
  if (output.kind === 'csv') return output.rows;
  return undefined;
}

/** The host of a URL, lower case, or null when it has none. */
export function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
