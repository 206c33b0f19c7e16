// Request bodies in the three naming generations of the WebRun docs (webrun-api.md §0, §1.1–1.3,
// §7.10–7.13). The live server probably accepts all of them, but which one it prefers is not
// known, so the generation is a setting and every body is built here from one TaskInput.

export type Generation = 'gen2' | 'gen1' | 'gen0';

export interface TaskInput {
  prompt: string;
  startingUrl?: string | null;
  maxDuration?: number;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  terminateOnCompletion?: boolean;
  outputType?: 'text' | 'structured_json' | 'structured_csv';
  outputSchema?: unknown;
  secrets?: { match: string; fields: Record<string, string> }[];
  files?: string[];
  webhook?: {
    name: string;
    url: string;
    auth?: string;
    submittedData: 'ai_response' | 'full_response' | 'just_ping';
  };
}

export interface SessionOptions {
  environmentId?: string | null;
  policyId?: string | null;
  proxy?: unknown;
  reachOutMode?: 'off' | 'guardrail_only' | 'full';
  mode?: 'default';
}

type Body = Record<string, unknown>;

/** Copies only the entries that carry a value: the docs treat absent and null as "default". */
function compact(entries: Record<string, unknown>): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** Gen2 calls the task text `prompt`; Gen0 and Gen1 call it `taskDetails` (§7.10, §7.11). */
function textKey(gen: Generation): 'prompt' | 'taskDetails' {
  return gen === 'gen2' ? 'prompt' : 'taskDetails';
}

/** Older pages only know `"structured"` (§7.13); CSV output did not exist there, so it passes through. */
function outputTypeFor(gen: Generation, outputType: TaskInput['outputType']): string | undefined {
  return gen !== 'gen2' && outputType === 'structured_json' ? 'structured' : outputType;
}

function webhookBody(webhook: TaskInput['webhook']): Body | undefined {
  return webhook
    ? compact({
        name: webhook.name,
        url: webhook.url,
        auth: webhook.auth,
        submittedData: webhook.submittedData,
      })
    : undefined;
}

/**
 * The task fields shared by every container. `urlKey` differs by place: Gen1 spells the start
 * URL `startingPoint` inside `initialTask` and newTask messages, but its flat run-task body
 * uses `startingUrl` (§1.2).
 */
function taskFields(
  gen: Generation,
  task: TaskInput,
  urlKey: 'startingUrl' | 'startingPoint',
): Body {
  return compact({
    [textKey(gen)]: task.prompt,
    [urlKey]: task.startingUrl,
    maxDuration: task.maxDuration,
    maxInputTokens: task.maxInputTokens,
    maxOutputTokens: task.maxOutputTokens,
    terminateOnCompletion: task.terminateOnCompletion,
    outputType: outputTypeFor(gen, task.outputType),
    outputSchema: task.outputSchema,
    secrets: task.secrets,
    files: task.files,
    webhook: webhookBody(task.webhook),
  });
}

/** Start URL key inside a nested task object or message, per generation (§0 table). */
function nestedUrlKey(gen: Generation): 'startingUrl' | 'startingPoint' {
  return gen === 'gen1' ? 'startingPoint' : 'startingUrl';
}

/** Session-level fields; sent in every generation when the caller set them (older servers ignore unknown keys). */
function sessionFields(session: SessionOptions | undefined): Body {
  return compact({
    environmentId: session?.environmentId,
    policyId: session?.policyId,
    proxy: session?.proxy,
    reachOutMode: session?.reachOutMode,
    mode: session?.mode,
  });
}

/** POST /start/run-task. Gen2 nests the task under `task`; Gen0/Gen1 are flat with `startingUrl`. */
export function runTaskBody(gen: Generation, task: TaskInput, session?: SessionOptions): Body {
  if (gen === 'gen2')
    return { task: taskFields(gen, task, 'startingUrl'), ...sessionFields(session) };
  return { ...sessionFields(session), ...taskFields(gen, task, 'startingUrl') };
}

/**
 * POST /start/start-session. Gen2: `task`; Gen1: `initialTask` and, because the live Gen1 pages
 * disagree on the environment's name (§7.12), both `environmentId` and `profileId`; Gen0: flat.
 */
export function startSessionBody(
  gen: Generation,
  session: SessionOptions,
  task?: TaskInput | null,
): Body {
  const base = sessionFields(session);
  if (gen === 'gen2') return task ? { ...base, task: taskFields(gen, task, 'startingUrl') } : base;
  if (gen === 'gen1') {
    const profile = compact({ profileId: session.environmentId });
    return task
      ? { ...base, ...profile, initialTask: taskFields(gen, task, 'startingPoint') }
      : { ...base, ...profile };
  }
  return task ? { ...base, ...taskFields(gen, task, 'startingUrl') } : base;
}

/** The `message` of a send-message newTask (or the socket `message` emit). */
export function newTaskMessage(gen: Generation, task: TaskInput): Body {
  return { actionType: 'newTask', newState: 'start', ...taskFields(gen, task, nestedUrlKey(gen)) };
}

/** The answer to a guardrail question (§4): `resume` continues the paused task, `stop` cancels it. */
export function guardrailMessage(
  gen: Generation,
  answer: string,
  newState: 'resume' | 'stop',
): Body {
  return { actionType: 'guardrail', [textKey(gen)]: answer, newState };
}
