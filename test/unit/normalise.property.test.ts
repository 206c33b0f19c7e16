// Property tests: the normaliser is fed whatever the network delivers, so it must never throw,
// must never invent a completion, and must never report a cost that is not a real number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTaskResponse, type NormaliseContext } from '../../src-main/core/webrun/normalise';
import type { TaskOutcome, Usage } from '../../src-main/core/webrun/types';

const RUNS = { numRuns: 1000 };
const phase = fc.constantFrom<NormaliseContext['phase']>('submit', 'poll', 'socket');
const requestUrl = fc.option(
  fc.oneof(fc.webUrl(), fc.string(), fc.constant('https://connect.webrun.ai/task/s/t')),
  { nil: null },
);
const context = fc.record({
  phase,
  requestUrl,
  baseUrl: fc.option(fc.oneof(fc.webUrl(), fc.string()), { nil: null }),
});

/** Every value fast-check can build, including the awkward ones (null prototypes, BigInt, Maps, sparse arrays). */
const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

const STATES = [
  'completed',
  'pending',
  'running',
  'needs_input',
  'failed',
  'terminated',
  'unrecognised',
];

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function usageIsSane(usage: Usage | null): boolean {
  if (usage === null) return true;
  return Object.values(usage).every(
    (v) => v === null || (typeof v === 'number' && Number.isFinite(v)),
  );
}

/** The outcome is well-typed whatever came in. */
function assertWellFormed(outcome: TaskOutcome): void {
  expect(STATES).toContain(outcome.state);
  for (const key of [
    'sessionId',
    'taskId',
    'pollUrl',
    'message',
    'question',
    'code',
    'completedAt',
  ] as const) {
    expect(isStringOrNull(outcome[key]), key).toBe(true);
  }
  expect(typeof outcome.raw).toBe('string');
  expect(Array.isArray(outcome.files) && Array.isArray(outcome.network)).toBe(true);
  expect(usageIsSane(outcome.usage)).toBe(true);
}

/** Strings that look like markers without being them. */
const nearMissType = fc
  .oneof(
    fc.constantFrom(
      'guardrail_trigger',
      'failed',
      'agent',
      'task_complete',
      'TASK_COMPLETED',
      'task_completed ',
      'completed',
      'complete',
    ),
    fc.string(),
  )
  .filter((t) => t !== 'task_completed');
const nearMissStatus = fc
  .oneof(
    fc.constantFrom(
      'running',
      'active',
      'pending',
      'failed',
      'terminated',
      'Complete',
      'COMPLETED',
      'task_completed',
      'done',
    ),
    fc.string(),
  )
  .filter((s) => s !== 'complete' && s !== 'completed');

/** Arbitrary objects with none of the completion markers: no type task_completed, no complete(d) status, no `result`. */
const markerlessBody = fc
  .tuple(
    fc.dictionary(fc.string(), fc.jsonValue()),
    fc.option(fc.oneof(nearMissType, fc.jsonValue()), { nil: undefined }),
    fc.option(fc.oneof(nearMissStatus, fc.jsonValue()), { nil: undefined }),
    fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
  )
  .map(([base, type, status, data]) => {
    const body: Record<string, unknown> = { ...base };
    delete body.result;
    if (type !== undefined) body.type = type;
    if (status !== undefined) body.status = status;
    if (data !== undefined) body.data = data;
    return body;
  })
  .filter(
    (body) =>
      body.type !== 'task_completed' && body.status !== 'complete' && body.status !== 'completed',
  );

/** Usage-shaped objects with hostile values, placed in every spot usage is read from. */
const usageValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, null, undefined),
  fc.string(),
  anything,
);
const usageLike = fc.record(
  {
    prompt_tokens: usageValue,
    completion_tokens: usageValue,
    total_tokens: usageValue,
    completion_time: usageValue,
    inputTokens: usageValue,
    outputTokens: usageValue,
    computeTime: usageValue,
    cost: usageValue,
  },
  { requiredKeys: [] },
);
const bodyWithUsage = fc.record({
  type: fc.constantFrom('task_completed', 'guardrail_trigger', undefined),
  status: fc.constantFrom('complete', 'running', 'active', 'failed', undefined),
  usage: fc.option(usageLike, { nil: undefined }),
  data: fc.option(
    fc.record(
      {
        usage: fc.option(usageLike, { nil: undefined }),
        prompt_tokens: usageValue,
        cost: usageValue,
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  result: fc.option(
    fc.record(
      { usage: fc.option(usageLike, { nil: undefined }), data: usageLike, cost: usageValue },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
});

describe('normaliseTaskResponse properties', () => {
  it('never throws on arbitrary JSON and returns a well-formed outcome', () => {
    fc.assert(
      fc.property(fc.jsonValue(), context, (body, ctx) => {
        assertWellFormed(normaliseTaskResponse(body, ctx));
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary JS values', () => {
    fc.assert(
      fc.property(anything, context, (body, ctx) => {
        assertWellFormed(normaliseTaskResponse(body, ctx));
      }),
      RUNS,
    );
  });

  it('never throws when the body is text instead of parsed JSON', () => {
    fc.assert(
      fc.property(fc.string(), phase, (text, p) => {
        const outcome = normaliseTaskResponse(text, { phase: p, raw: text });
        expect(outcome.state).toBe('unrecognised');
        expect(outcome.raw).toBe(text);
      }),
      RUNS,
    );
  });

  it('never reports completed for an object without any completion marker', () => {
    fc.assert(
      fc.property(markerlessBody, context, (body, ctx) => {
        expect(normaliseTaskResponse(body, ctx).state).not.toBe('completed');
      }),
      RUNS,
    );
  });

  it('always reports completed for type task_completed when no guardrail marker is present', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), context, (base, ctx) => {
        const body: Record<string, unknown> = { ...base, type: 'task_completed' };
        delete body.result;
        expect(normaliseTaskResponse(body, ctx).state).toBe('completed');
      }),
      RUNS,
    );
  });

  it('usage fields, cost included, are null or finite numbers wherever usage hides', () => {
    fc.assert(
      fc.property(bodyWithUsage, context, (body, ctx) => {
        const { usage } = normaliseTaskResponse(body, ctx);
        expect(usage === null || usage.cost === null || Number.isFinite(usage.cost)).toBe(true);
        expect(usageIsSane(usage)).toBe(true);
      }),
      RUNS,
    );
  });
});
