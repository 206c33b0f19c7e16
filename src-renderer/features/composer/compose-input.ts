// Turns the composer's text fields into the contract's CreateTaskInput, with a message a
// person can act on for each mistake. The core's schema checks again; this is for speed.
import type { CreateTaskInput, OutputType } from '../../../src-main/contract/index';

export type ComposeMode = 'oneshot' | 'session' | 'followup';

export interface ComposerForm {
  prompt: string;
  startingUrl: string;
  outputType: OutputType;
  jsonSchema: string;
  csvColumns: string;
  maxDurationSec: string;
  maxInputTokens: string;
  maxOutputTokens: string;
  costCap: string;
  mode: ComposeMode;
  sessionId: string;
  keepSessionOpen: boolean;
  priority: string;
  tags: string;
  /** Sites whose saved credentials go with the task. */
  credentials: string[];
  /** True once the person ticked or unticked a site; until then the starting URL picks them. */
  credentialsChosen: boolean;
  /** Files already uploaded to WebRun, to attach to the task. */
  attachments: Attachment[];
  /** The WebRun environment to run in ('' for none): its saved logins come along. */
  environmentId: string;
  /** The saved template it started from ('' for none), so spend can be grouped by template. */
  template: string;
}

export interface Attachment {
  fileId: string;
  name: string;
  size: number;
}

export const EMPTY_FORM: ComposerForm = {
  prompt: '',
  startingUrl: '',
  outputType: 'text',
  jsonSchema: '',
  csvColumns: '',
  maxDurationSec: '',
  maxInputTokens: '',
  maxOutputTokens: '',
  costCap: '',
  mode: 'oneshot',
  sessionId: '',
  keepSessionOpen: false,
  priority: '0',
  tags: '',
  credentials: [],
  credentialsChosen: false,
  attachments: [],
  environmentId: '',
  template: '',
};

/** Where the core's own check puts each field (its message reads "path: words"). */
const CORE_PATHS: Record<string, ErrorField> = {
  prompt: 'prompt',
  startingUrl: 'startingUrl',
  costCap: 'costCap',
  priority: 'priority',
  tags: 'tags',
  sessionId: 'sessionId',
  'options.maxDuration': 'maxDurationSec',
  'options.maxInputTokens': 'maxInputTokens',
  'options.maxOutputTokens': 'maxOutputTokens',
  'options.outputSchema': 'jsonSchema',
};

/** A refusal from the core, put beside its field in its own words (never "startingUrl: …"). */
export function coreRefusal(message: string): { field: ErrorField; words: string } | null {
  const match = /^([\w.]+): (.+)$/s.exec(message);
  const field = match ? CORE_PATHS[match[1]!] : undefined;
  return field ? { field, words: match![2]! } : null;
}

/** The fields a mistake can be about; each error is shown beside its own field. */
export type ErrorField =
  | 'prompt'
  | 'startingUrl'
  | 'jsonSchema'
  | 'csvColumns'
  | 'maxDurationSec'
  | 'maxInputTokens'
  | 'maxOutputTokens'
  | 'costCap'
  | 'priority'
  | 'tags'
  | 'sessionId'
  | 'attachments'
  | 'credentials';
export type FieldErrors = Partial<Record<ErrorField, string>>;

export type Built =
  | { ok: true; input: CreateTaskInput }
  /** `error` is the first mistake in reading order; `errors` has every one, by field. */
  | { ok: false; error: string; errors: FieldErrors };

/**
 * The address as it will be sent: one typed without a scheme ("example.com/path") is taken as
 * https, as a browser's address bar does; another scheme (mailto:, javascript:) is refused.
 */
export function normaliseUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
  // "host:8080/…" is a host and port, not a scheme.
  if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

function urlProblem(value: string): string | null {
  if (value.trim() === '') return null;
  if (value.trim().length > 2048) return 'Starting URL is too long (2048 characters at most).';
  // Some URL parsers (Chromium's) take spaces in a host; WebRun does not.
  if (/\s/.test(value.trim())) return 'Starting URL cannot contain spaces.';
  try {
    const url = new URL(normaliseUrl(value));
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? null
      : 'Starting URL must start with http:// or https://.';
  } catch {
    return 'Starting URL must be a web address, such as example.com or https://example.com.';
  }
}

/** An optional whole number in [min, max]; '' means not set. */
function intField(value: string, label: string, min: number, max: number): number | null | string {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    return `${label} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`;
  return n;
}

function schemaOf(form: ComposerForm): Record<string, unknown> | string[] | string | null {
  if (form.outputType === 'structured_json') {
    if (form.jsonSchema.trim() === '') return 'Structured JSON needs a JSON Schema.';
    try {
      const parsed: unknown = JSON.parse(form.jsonSchema);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        return 'The JSON Schema must be a JSON object, such as {"type":"object","properties":{…}}.';
      return parsed as Record<string, unknown>;
    } catch (error) {
      return `The JSON Schema is not valid JSON: ${(error as Error).message}`;
    }
  }
  if (form.outputType === 'structured_csv') {
    const columns = form.csvColumns
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return columns.length
      ? columns
      : 'Structured CSV needs at least one column name (comma-separated).';
  }
  return null;
}

function costCapOf(text: string): number | null | string {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 && n <= 10_000
    ? n
    : 'Cost cap must be an amount in USD above 0 and at most 10,000.';
}

function promptProblem(prompt: string): string | null {
  if (prompt.trim() === '') return 'Describe the task: the prompt is empty.';
  // The same limit and words as the contract's Prompt, so the core's check never shows raw.
  if (prompt.trim().length > 100_000)
    return `The prompt is too long: ${prompt.trim().length.toLocaleString('en-US')} characters, 100,000 at most.`;
  return null;
}

export function buildInput(form: ComposerForm): Built {
  const errors: FieldErrors = {};
  /** The value, or undefined once its mistake is noted against its field. */
  const take = <T>(field: ErrorField, value: T | string): T | undefined => {
    if (typeof value !== 'string') return value;
    errors[field] = value;
    return undefined;
  };
  const prompt = promptProblem(form.prompt);
  if (prompt) errors.prompt = prompt;
  const url = urlProblem(form.startingUrl);
  if (url) errors.startingUrl = url;
  const schema = take(
    form.outputType === 'structured_csv' ? 'csvColumns' : 'jsonSchema',
    schemaOf(form),
  );
  const seconds = take(
    'maxDurationSec',
    intField(form.maxDurationSec, 'Max duration (seconds)', 1, 300),
  );
  const inputTokens = take(
    'maxInputTokens',
    intField(form.maxInputTokens, 'Max input tokens', 0, 100_000),
  );
  const outputTokens = take(
    'maxOutputTokens',
    intField(form.maxOutputTokens, 'Max output tokens', 0, 100_000),
  );
  const costCap = take('costCap', costCapOf(form.costCap));
  const priority = take('priority', intField(form.priority, 'Priority', -10, 10));
  const tags = form.tags.split(/[\s,]+/).filter(Boolean);
  if (tags.length > 20) errors.tags = 'At most 20 tags.';
  else if (tags.some((t) => t.length > 40)) errors.tags = 'A tag is 40 characters at most.';
  if (form.mode === 'followup' && !form.sessionId)
    errors.sessionId = 'Choose the open session to follow up in, or pick another mode.';
  if (form.attachments.length > 20)
    errors.attachments = 'At most 20 files can be attached to a task.';
  if (form.credentials.length > 20)
    errors.credentials = 'At most 20 sites’ credentials can go with a task.';
  const first = Object.values(errors)[0];
  if (first !== undefined) return { ok: false, error: first, errors };

  return {
    ok: true,
    input: {
      prompt: form.prompt,
      startingUrl: form.startingUrl.trim() === '' ? null : normaliseUrl(form.startingUrl),
      options: {
        outputType: form.outputType,
        outputSchema: schema ?? null,
        maxDuration: seconds == null ? null : seconds * 1000,
        maxInputTokens: inputTokens ?? null,
        maxOutputTokens: outputTokens ?? null,
        files: form.attachments.map((a) => a.fileId),
      },
      mode: form.mode === 'oneshot' ? 'oneshot' : 'session',
      ...(form.mode === 'followup' ? { sessionId: form.sessionId } : {}),
      keepSessionOpen: form.mode !== 'oneshot' && form.keepSessionOpen,
      priority: priority ?? 0,
      tags,
      costCap: costCap ?? null,
      ...(form.credentials.length ? { credentials: form.credentials } : {}),
      ...(form.environmentId ? { environmentId: form.environmentId } : {}),
      ...(form.template ? { template: form.template } : {}),
    },
  };
}
