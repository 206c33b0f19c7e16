// Deterministic task plans: from (seed, task spec) to a timeline of narrative events, the
// outcome, token rates, network log and files. Everything time-related is in *simulated*
// milliseconds; the runtime (task.ts) multiplies by the time scale.
import { costOf, round6 } from '../contract/pricing.ts';
import { applyVariations } from './variation.ts';
import { parseDirectives, stripDirectives } from './directives.ts';
import { type TaskFailure, taskFailure } from './error-codes.ts';
import { type MessageContext, type OutputType, fileContent, resultMessage } from './output.ts';
import { type Rng, hashString, intBetween, pick, rngId, seededRng } from './random.ts';

export interface TaskSpec {
  prompt: string;
  startingUrl: string | null;
  maxDurationMs: number;
  outputType: OutputType;
  outputSchema: unknown;
}

export type PlanEvent =
  | { at: number; kind: 'update'; message: string }
  | { at: number; kind: 'agent'; content: string }
  | { at: number; kind: 'action'; name: string; target: string; url?: string }
  | { at: number; kind: 'guardrail'; value: string }
  | { at: number; kind: 'end' };

export interface PlannedFile {
  filename: string;
  source: string;
  content: string;
  at: number;
}

export interface TaskPlan {
  /** Simulated ms at which the task ends (completes or fails). */
  endMs: number;
  events: PlanEvent[];
  outcome: { kind: 'completed'; message: string } | { kind: 'failed'; failure: TaskFailure };
  promptTokensPerSec: number;
  completionTokensPerSec: number;
  forcedCost: number | null;
  network: { id: string; urls: { url: string; at: number }[] }[];
  files: PlannedFile[];
  /** The login question this task asks (null: none, or the environment is already logged in). */
  login: { site: string; question: string } | null;
}

export interface SimUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  completion_time: number;
  cost: number;
}

const STOPWORDS = new Set(
  'the a an and or for to of in on at by with from into go find search look up get me my please then and show list all www com https http'.split(
    ' ',
  ),
);

/**
 * `knownLogins`: the sites the task's environment is logged into; a `[login]` task on one of
 * them does not ask (unless `[login:always]`).
 */
export function planTask(
  spec: TaskSpec,
  seed: number,
  knownLogins?: ReadonlySet<string>,
  /** How many tasks with this prompt the sandbox ran before (for [drift], [noise], [shrink]). */
  runIndex = 0,
): TaskPlan {
  const directives = parseDirectives(spec.prompt);
  const task = stripDirectives(spec.prompt) || 'the task';
  const rng = seededRng(
    hashString(`${seed}|${spec.prompt}|${spec.startingUrl ?? ''}|${spec.outputType}`),
  );

  const natural = directives.durationMs ?? intBetween(rng, 100, 400) * 100;
  const keywords = keywordsOf(task);
  const query = keywords.join(' ') || task.slice(0, 40);
  const startUrl = spec.startingUrl ?? startUrlFor(task);
  const origin = safeOrigin(startUrl);

  // Outcome first: it decides where the timeline is cut.
  let endMs = natural;
  let failure: TaskFailure | null = null;
  if (directives.fail) {
    endMs = Math.max(1, Math.round(natural * 0.6));
    failure = taskFailure(directives.fail, { url: startUrl, maxDurationMs: spec.maxDurationMs });
  }
  if (endMs > spec.maxDurationMs) {
    endMs = spec.maxDurationMs;
    failure = taskFailure('TASK_TIMEOUT', { url: startUrl, maxDurationMs: spec.maxDurationMs });
  }

  const networkCount = directives.network ?? intBetween(rng, 3, 12);
  const urls = Array.from({ length: networkCount }, (_, i) => ({
    url: networkUrl(i, startUrl, origin, query, keywords, rng),
    at: Math.round((endMs * (i + 1)) / (networkCount + 1)),
  }));
  const network = [];
  for (let i = 0; i < urls.length; i += 10)
    network.push({ id: rngId(rng, 5), urls: urls.slice(i, i + 10) });

  const context: MessageContext = { task, query, startUrl, pages: networkCount, keywords };
  const wantsFile = /\b(download|export|csv|pdf|report|spreadsheet)\b/i.test(task);
  const fileCount = directives.files ?? (wantsFile ? 1 : 0);
  const slug = (keywords.slice(0, 2).join('-') || 'result')
    .replace(/[^a-z0-9-]/gi, '')
    .toLowerCase();
  const files = Array.from({ length: fileCount }, (_, i) => {
    const filename = `${slug}-${i + 1}.csv`;
    return {
      filename,
      source: `${origin}/exports/${filename}`,
      content: fileContent(rng, context, i),
      at: Math.round(endMs * 0.85),
    };
  });

  const events = timeline(rng, { endMs, startUrl, query, keywords, origin });
  if (directives.guardrail !== undefined) {
    const at = Math.round(natural * 0.4);
    if (at < endMs) {
      events.push({ at, kind: 'guardrail', value: directives.guardrail });
      events.push({
        at,
        kind: 'agent',
        content: 'Thanks, continuing with the information provided.',
      });
    }
  }
  let login: TaskPlan['login'] = null;
  if (directives.login) {
    const site = directives.login.site ?? new URL(origin).hostname;
    const at = Math.round(natural * 0.2);
    if (at < endMs && (directives.login.always || !knownLogins?.has(site))) {
      login = { site, question: `I need login credentials for ${site} to proceed` };
      events.push({ at, kind: 'guardrail', value: login.question });
      events.push({ at, kind: 'agent', content: `Logged in to ${site}; continuing.` });
    }
  }
  if (failure)
    events.push({ at: endMs, kind: 'agent', content: `Something went wrong: ${failure.error}` });
  else
    events.push({
      at: Math.round(endMs * 0.95),
      kind: 'agent',
      content: 'I have everything I need; writing up the result.',
    });
  events.push({ at: endMs, kind: 'end' });
  // Stable sort keeps same-instant events in insertion order (agent thought before its action).
  events.sort((a, b) => a.at - b.at);

  return {
    endMs,
    events,
    outcome: failure
      ? { kind: 'failed', failure }
      : {
          kind: 'completed',
          message: applyVariations(
            resultMessage(spec.outputType, spec.outputSchema, rng, context),
            directives.variations ?? [],
            runIndex,
          ),
        },
    promptTokensPerSec: intBetween(rng, 400, 650),
    completionTokensPerSec: intBetween(rng, 100, 170),
    forcedCost: directives.cost ?? null,
    network,
    files,
    login,
  };
}

/** Usage after `simMs` of active running: tokens grow linearly; cost follows the price list. */
export function usageAt(plan: TaskPlan, simMs: number): SimUsage {
  const t = Math.min(Math.max(0, simMs), plan.endMs);
  const prompt_tokens = Math.round((plan.promptTokensPerSec * t) / 1000);
  const completion_tokens = Math.round((plan.completionTokensPerSec * t) / 1000);
  const cost =
    plan.forcedCost !== null
      ? round6((plan.forcedCost * t) / plan.endMs)
      : costOf({ prompt_tokens, completion_tokens }, t / 60_000);
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    completion_time: Math.round(t / 100) / 10,
    cost,
  };
}

interface TimelineInput {
  endMs: number;
  startUrl: string;
  query: string;
  keywords: string[];
  origin: string;
}

function timeline(rng: Rng, input: TimelineInput): PlanEvent[] {
  const { endMs, startUrl, query, keywords, origin } = input;
  const events: PlanEvent[] = [
    { at: 0, kind: 'update', message: 'Starting task... Browsing the web now.' },
  ];
  const steps = intBetween(rng, 3, 6);
  for (let i = 0; i < steps; i++) {
    const at = Math.round(endMs * (0.05 + (0.8 * i) / steps));
    if (at >= endMs) break;
    const step = stepFor(i, rng, { startUrl, query, keywords, origin });
    events.push({ at, kind: 'agent', content: step.thought });
    events.push({
      at,
      kind: 'action',
      name: step.name,
      target: step.target,
      ...(step.url ? { url: step.url } : {}),
    });
  }
  return events;
}

function stepFor(
  index: number,
  rng: Rng,
  ctx: { startUrl: string; query: string; keywords: string[]; origin: string },
): { thought: string; name: string; target: string; url?: string } {
  if (index === 0)
    return {
      thought: `I'll start by opening ${ctx.startUrl}.`,
      name: 'navigate',
      target: ctx.startUrl,
      url: ctx.startUrl,
    };
  if (index === 1)
    return {
      thought: `I'll type "${ctx.query}" into the search box.`,
      name: 'type_text',
      target: 'search box',
    };
  if (index === 2) {
    const url = `${ctx.origin}/search?q=${encodeURIComponent(ctx.query)}`;
    return {
      thought: 'Submitting the search.',
      name: 'click_element',
      target: 'search button',
      url,
    };
  }
  const keyword = pick(rng, ctx.keywords.length > 0 ? ctx.keywords : ['result']);
  return pick(rng, [
    { thought: 'Scrolling to see more results.', name: 'scroll_page', target: 'results list' },
    {
      thought: `Opening the most relevant result about ${keyword}.`,
      name: 'click_element',
      target: `result "${keyword}"`,
      url: `${ctx.origin}/item/${rngId(rng, 6)}`,
    },
    { thought: 'Reading the page content.', name: 'extract_content', target: 'main content' },
  ]);
}

function keywordsOf(task: string): string[] {
  const words = task.toLowerCase().match(/[a-z0-9][a-z0-9-]*/g) ?? [];
  const unique: string[] = [];
  for (const word of words) {
    if (
      word.length > 2 &&
      !STOPWORDS.has(word) &&
      !/\.[a-z]{2,}$/.test(word) &&
      !unique.includes(word)
    )
      unique.push(word);
    if (unique.length === 4) break;
  }
  return unique;
}

/** A site named in the prompt ("go to amazon.com") becomes the start page; else a web search. */
function startUrlFor(task: string): string {
  const url = /https?:\/\/[^\s"'<>)]+/i.exec(task);
  if (url) return url[0];
  const domain = /\b((?:[a-z0-9-]+\.)+(?:com|org|net|io|ai|dev|co|uk|de|fr|edu|gov|app))\b/i.exec(
    task,
  );
  if (domain?.[1]) return `https://${domain[1].toLowerCase()}`;
  return 'https://www.google.com';
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'https://www.google.com';
  }
}

function networkUrl(
  i: number,
  startUrl: string,
  origin: string,
  query: string,
  keywords: string[],
  rng: Rng,
): string {
  if (i === 0) return startUrl;
  if (i === 1) return `${origin}/search?q=${encodeURIComponent(query)}`;
  const keyword = keywords[i % Math.max(1, keywords.length)] ?? 'item';
  switch (i % 4) {
    case 0:
      return `${origin}/item/${rngId(rng, 6)}`;
    case 1:
      return `${origin}/static/js/main.${rngId(rng, 8)}.js`;
    case 2:
      return `${origin}/api/v1/${encodeURIComponent(keyword)}?page=${Math.ceil(i / 4)}`;
    default:
      return `${origin}/images/${rngId(rng, 10)}.webp`;
  }
}
