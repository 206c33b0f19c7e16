// The MCP tools' input shapes, built from the contract's own pieces wherever a field means the
// same thing (prompt, starting URL, output, limits, cost cap, history filter), so a task an
// assistant asks for is held to exactly the rules the composer's is.
import { HistoryFilter } from '../contract/history';
import { CreateTaskInput, Prompt, StartingUrl } from '../contract/tasks';
import { TaskOptions, TaskStatus } from '../contract/task-view';
import { z } from '../contract/zod';

const options = TaskOptions.shape;

/** A JSON value an assistant may send as text (the MCP Inspector's CLI sends every arg so). */
function parsedIfText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // left as text: the schema then says what was expected
  }
}

/**
 * A JSON Schema object, typed as such in the tool's schema (`type: object`), so clients that
 * build arguments from the schema send an object; JSON text is read too.
 */
const OutputSchema = z
  .preprocess(parsedIfText, z.record(z.string(), z.unknown()))
  .optional()
  .describe(
    'For outputType structured_json: the JSON Schema of the answer, as an object (or its JSON text), e.g. {"type":"object","properties":{"price":{"type":"number"}}}.',
  );

const CsvColumns = z
  .preprocess(parsedIfText, z.array(z.string().min(1).max(200)).min(1).max(200))
  .optional()
  .describe(
    'For outputType structured_csv: the column names of the answer, e.g. ["name","price"] (or its JSON text).',
  );

/** How long a call waits for the person (an approval, an answer to the agent's question). */
const AnswerTimeout = z
  .number()
  .int()
  .min(1)
  .max(86_400)
  .optional()
  .describe(
    "Seconds a task may wait for the person in WebRun Desk (an approval, or an answer to the agent's question) before the call reports that it waits; default 600. A call without task support still answers within the server's wait bound (50 s unless the person changed it).",
  );

export const TaskRequestShape = {
  prompt: Prompt.describe('What the browser agent should do, in plain words.'),
  startingUrl: StartingUrl.optional().describe('The page to open first (http or https).'),
  outputType: options.outputType
    .unwrap()
    .optional()
    .describe(
      'text (default), structured_json (needs outputSchema) or structured_csv (needs csvColumns).',
    ),
  outputSchema: OutputSchema,
  csvColumns: CsvColumns,
  maxDuration: options.maxDuration
    .unwrap()
    .unwrap()
    .optional()
    .describe('Longest run in milliseconds (1,000 to 300,000).'),
  costCap: CreateTaskInput.shape.costCap
    .unwrap()
    .unwrap()
    .optional()
    .describe('Most this task may cost, in USD; cannot exceed the maximum set in WebRun Desk.'),
  environmentId: CreateTaskInput.shape.environmentId.describe(
    "A WebRun environment's id (a saved browser profile, e.g. one that stays logged in); see the person's environments in WebRun Desk.",
  ),
} as const;

export const RunTaskShape = { ...TaskRequestShape, answerTimeoutSeconds: AnswerTimeout } as const;

export const TaskIdShape = {
  id: z
    .string()
    .min(1)
    .max(64)
    .describe(
      'The task id a start or run call returned (or its first 8 characters, as webrun-desk history shows it).',
    ),
} as const;

/** A date as an assistant writes one: ISO 8601 text or ms since epoch (checked by timeOf). */
const DateArg = z.union([z.number(), z.string().max(64)]).optional();

/** The ms a `from` / `to` argument means, or a sentence saying why it is not a date. */
export function timeOf(
  value: number | string | undefined,
  name: string,
): { ok: true; ms: number | null } | { ok: false; error: string } {
  if (value === undefined) return { ok: true, ms: null };
  // Date.parse reads ISO 8601 (and little else reliably): a date-only value is midnight UTC.
  const ms =
    typeof value === 'number'
      ? value
      : /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
        ? Date.parse(value.trim())
        : Number.NaN;
  if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    return {
      ok: false,
      error: `${name}: ${JSON.stringify(value)} is not a date; give an ISO 8601 date or time (e.g. 2025-05-01 or 2025-05-01T09:00:00Z) or ms since epoch.`,
    };
  }
  return { ok: true, ms };
}

export const SearchHistoryShape = {
  text: HistoryFilter.shape.text
    .unwrap()
    .unwrap()
    .optional()
    .describe('Words to find in prompts, results and visited URLs.'),
  status: z
    .array(TaskStatus)
    .max(10)
    .optional()
    .describe('Only tasks in these states, e.g. ["failed","unknown"]; default: every state.'),
  from: DateArg.describe(
    'Created at or after: an ISO 8601 date or time (2025-05-01, 2025-05-01T09:00:00Z) or ms since epoch.',
  ),
  to: DateArg.describe('Created before: an ISO 8601 date or time, or ms since epoch.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('At most this many tasks, newest first (1 to 100; default 20).'),
} as const;

export const SpendShape = {
  days: z
    .number()
    .int()
    .min(1)
    .max(366)
    .default(30)
    .describe('Days of spend to sum, ending today.'),
} as const;

export type TaskRequest = z.output<z.ZodObject<typeof TaskRequestShape>>;

/**
 * What is wrong with a request's output fields, in the tool's own parameter names (the
 * contract's check speaks of options.outputSchema, which an assistant never sent), or null.
 */
export function outputProblem(request: TaskRequest): string | null {
  const { outputType, outputSchema, csvColumns } = request;
  if (outputType === 'structured_json') {
    if (!outputSchema)
      return 'outputType structured_json needs outputSchema: a JSON Schema object such as {"type":"object","properties":{…}}.';
    if (typeof outputSchema.type !== 'string')
      return 'outputSchema needs a top-level "type" (for example "object"): it is the JSON Schema of the answer.';
    if (csvColumns)
      return 'csvColumns is for structured_csv; with structured_json, give only outputSchema.';
  } else if (outputType === 'structured_csv') {
    if (!csvColumns) return 'outputType structured_csv needs csvColumns, e.g. ["name","price"].';
    if (outputSchema)
      return 'outputSchema is for structured_json; with structured_csv, give only csvColumns.';
  } else if (outputSchema || csvColumns) {
    return `${outputSchema ? 'outputSchema' : 'csvColumns'} needs outputType ${outputSchema ? 'structured_json' : 'structured_csv'}.`;
  }
  return null;
}
