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
};

export type Built = { ok: true; input: CreateTaskInput } | { ok: false; error: string };

function urlProblem(value: string): string | null {
  if (value.trim() === '') return null;
  if (value.trim().length > 2048) return 'Starting URL is too long (2048 characters at most).';
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? null
      : 'Starting URL must start with http:// or https://.';
  } catch {
    return 'Starting URL must be a full address, such as https://example.com.';
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

export function buildInput(form: ComposerForm): Built {
  const fail = (error: string): Built => ({ ok: false, error });
  if (form.prompt.trim() === '') return fail('Describe the task: the prompt is empty.');
  // The same limit and words as the contract's Prompt, so the core's check never shows raw.
  if (form.prompt.trim().length > 100_000)
    return fail(
      `The prompt is too long: ${form.prompt.trim().length.toLocaleString('en-US')} characters, 100,000 at most.`,
    );
  const problem = urlProblem(form.startingUrl);
  if (problem) return fail(problem);
  const schema = schemaOf(form);
  if (typeof schema === 'string') return fail(schema);
  const seconds = intField(form.maxDurationSec, 'Max duration (seconds)', 1, 300);
  if (typeof seconds === 'string') return fail(seconds);
  const inputTokens = intField(form.maxInputTokens, 'Max input tokens', 0, 100_000);
  if (typeof inputTokens === 'string') return fail(inputTokens);
  const outputTokens = intField(form.maxOutputTokens, 'Max output tokens', 0, 100_000);
  if (typeof outputTokens === 'string') return fail(outputTokens);
  const priority = intField(form.priority, 'Priority', -10, 10);
  if (typeof priority === 'string') return fail(priority);
  let costCap: number | null = null;
  if (form.costCap.trim() !== '') {
    costCap = Number(form.costCap);
    if (!Number.isFinite(costCap) || costCap <= 0 || costCap > 10_000)
      return fail('Cost cap must be an amount in USD above 0 and at most 10,000.');
  }
  const tags = form.tags.split(/[\s,]+/).filter(Boolean);
  if (tags.length > 20) return fail('At most 20 tags.');
  if (tags.some((t) => t.length > 40)) return fail('A tag is 40 characters at most.');
  if (form.mode === 'followup' && !form.sessionId)
    return fail('Choose the open session to follow up in, or pick another mode.');
  if (form.attachments.length > 20) return fail('At most 20 files can be attached to a task.');
  if (form.credentials.length > 20)
    return fail('At most 20 sites’ credentials can go with a task.');

  return {
    ok: true,
    input: {
      prompt: form.prompt,
      startingUrl: form.startingUrl.trim() === '' ? null : form.startingUrl.trim(),
      options: {
        outputType: form.outputType,
        outputSchema: schema,
        maxDuration: seconds === null ? null : seconds * 1000,
        maxInputTokens: inputTokens,
        maxOutputTokens: outputTokens,
        files: form.attachments.map((a) => a.fileId),
      },
      mode: form.mode === 'oneshot' ? 'oneshot' : 'session',
      ...(form.mode === 'followup' ? { sessionId: form.sessionId } : {}),
      keepSessionOpen: form.mode !== 'oneshot' && form.keepSessionOpen,
      priority: priority ?? 0,
      tags,
      costCap,
      ...(form.credentials.length ? { credentials: form.credentials } : {}),
      ...(form.environmentId ? { environmentId: form.environmentId } : {}),
    },
  };
}
