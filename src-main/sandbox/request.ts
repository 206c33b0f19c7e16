// Reads a task out of any of the three request generations (webrun-api.md §0 "Sandbox rule
// of thumb", §1.2 variants). A send-message newTask message is just the flat form.
import { type Parsed, failure } from './http.ts';
import type { OutputType } from './output.ts';
import type { TaskSpec } from './simulation.ts';

export interface TaskRequest {
  spec: TaskSpec;
  terminateOnCompletion: boolean;
  fileIds: string[];
  /** `environmentId`, or `profileId` as the older live pages call it (§7.12). */
  environmentId?: string | null;
}

const MAX_DURATION = 300_000;
const MIN_DURATION = 1000;
const REACH_OUT_MODES = ['off', 'guardrail_only', 'full'];

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : null;
}

/** The first of `paths` that is present (not undefined/null) in `body`. */
function firstPresent(body: Obj, paths: string[]): unknown {
  for (const path of paths) {
    const [head, tail] = path.split('.') as [string, string | undefined];
    const value = tail === undefined ? body[head] : obj(body[head])?.[tail];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

const TEXT_PATHS = [
  'task.prompt',
  'initialTask.taskDetails',
  'initialTask.prompt',
  'prompt',
  'taskDetails',
  'task.taskDetails',
];
const URL_PATHS = [
  'task.startingUrl',
  'initialTask.startingPoint',
  'initialTask.startingUrl',
  'startingUrl',
  'startingPoint',
];

/** Gen2 bodies name the text `prompt` (in `task` or flat); their 400 says so. */
function isGen2(body: Obj): boolean {
  return obj(body.task) !== null || 'prompt' in body || 'prompt' in (obj(body.initialTask) ?? {});
}

/** Other task fields: from the task object first, then the top level. */
function field(body: Obj, name: string): unknown {
  const container = obj(body.task) ?? obj(body.initialTask);
  return container?.[name] ?? body[name];
}

/**
 * `required`: run-task and newTask need text (400 otherwise); start-session does not, and
 * yields null when no task was given.
 */
export function readTaskRequest(body: Obj, required: boolean): Parsed<TaskRequest | null> {
  const text = firstPresent(body, TEXT_PATHS);
  if (typeof text !== 'string' || text.trim() === '') {
    if (!required) return { ok: true, value: null };
    return isGen2(body)
      ? {
          ok: false,
          reply: failure(400, 'Missing task.prompt', {
            code: 'MISSING_REQUIRED_FIELD',
            details: { field: 'task.prompt' },
          }),
        }
      : {
          ok: false,
          reply: failure(400, 'taskDetails is required', {
            code: 'MISSING_REQUIRED_FIELD',
            details: { field: 'taskDetails' },
          }),
        };
  }

  const rawDuration = field(body, 'maxDuration');
  let maxDurationMs = MAX_DURATION;
  if (rawDuration !== undefined && rawDuration !== null) {
    if (
      typeof rawDuration !== 'number' ||
      !Number.isFinite(rawDuration) ||
      rawDuration < MIN_DURATION
    ) {
      return {
        ok: false,
        reply: failure(400, `Invalid parameter 'maxDuration': must be at least ${MIN_DURATION}`, {
          code: 'INVALID_PARAMETER',
          details: { parameter: 'maxDuration', value: rawDuration, min: MIN_DURATION },
        }),
      };
    }
    // Documented maximum; larger values are clamped rather than refused (plans differ, §7.21).
    maxDurationMs = Math.min(rawDuration, MAX_DURATION);
  }

  const url = firstPresent(body, URL_PATHS);
  const files = field(body, 'files');
  return {
    ok: true,
    value: {
      spec: {
        prompt: text,
        startingUrl: typeof url === 'string' && url.trim() !== '' ? url.trim() : null,
        maxDurationMs,
        outputType: outputTypeOf(field(body, 'outputType')),
        outputSchema: field(body, 'outputSchema') ?? null,
      },
      terminateOnCompletion: field(body, 'terminateOnCompletion') === true,
      fileIds: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [],
      environmentId: environmentIdOf(body),
    },
  };
}

function outputTypeOf(value: unknown): OutputType {
  if (value === 'structured_json' || value === 'structured') return 'structured_json';
  if (value === 'structured_csv') return 'structured_csv';
  return 'text';
}

export function checkReachOutMode(body: Obj): Parsed<null> {
  const mode = body.reachOutMode;
  if (
    mode === undefined ||
    mode === null ||
    (typeof mode === 'string' && REACH_OUT_MODES.includes(mode))
  ) {
    return { ok: true, value: null };
  }
  return {
    ok: false,
    reply: failure(400, 'reachOutMode must be one of: off, guardrail_only, full'),
  };
}

/** The session-level environment field: `environmentId` (Gen1/2) or `profileId` (older live Gen1 page). */
export function environmentIdOf(body: Obj): string | null {
  const id = body.environmentId ?? body.profileId;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}
