import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planTask, usageAt, type TaskSpec } from '../../src-main/sandbox/simulation.ts';
import { PRICES, costOf } from '../../src-main/contract/pricing.ts';

function spec(prompt: string, extra: Partial<TaskSpec> = {}): TaskSpec {
  return {
    prompt,
    startingUrl: null,
    maxDurationMs: 300_000,
    outputType: 'text',
    outputSchema: null,
    ...extra,
  };
}

describe('pricing', () => {
  it('uses the published prices', () => {
    expect(PRICES).toEqual({ inputPerMillion: 0.6, outputPerMillion: 2.7, sessionPerMinute: 0.02 });
  });

  it('adds token and compute cost, rounded to 6 decimals', () => {
    // 12450 * 0.60/M + 3200 * 2.70/M + 0.5 min * 0.02
    expect(costOf({ prompt_tokens: 12450, completion_tokens: 3200 }, 0.5)).toBe(0.02611);
    expect(costOf({ prompt_tokens: 1, completion_tokens: 0 }, 0)).toBe(0.000001);
    expect(costOf({ prompt_tokens: 0, completion_tokens: 0 }, 0)).toBe(0);
  });
});

describe('task plans', () => {
  it('are deterministic for the same seed and prompt', () => {
    const a = planTask(spec('Search for laptops on amazon.com'), 7);
    const b = planTask(spec('Search for laptops on amazon.com'), 7);
    expect(b).toEqual(a);
  });

  it('differ for another seed or another prompt', () => {
    const a = planTask(spec('Search for laptops on amazon.com'), 7);
    expect(planTask(spec('Search for laptops on amazon.com'), 8)).not.toEqual(a);
    expect(planTask(spec('Search for phones on amazon.com'), 7)).not.toEqual(a);
  });

  it('run 10-40 s by default with a narrative and a completion', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.integer(), (prompt, seed) => {
        const plan = planTask(spec(prompt.replace(/\[/g, '(')), seed);
        expect(plan.endMs).toBeGreaterThanOrEqual(10_000);
        expect(plan.endMs).toBeLessThanOrEqual(40_000);
        expect(plan.outcome.kind).toBe('completed');
        expect(plan.events.at(-1)?.kind).toBe('end');
        expect(plan.events.filter((e) => e.kind === 'action').length).toBeGreaterThanOrEqual(2);
        const times = plan.events.map((e) => e.at);
        expect([...times].sort((x, y) => x - y)).toEqual(times);
      }),
      { numRuns: 50 },
    );
  });

  it('derive network URLs from the prompt or the starting URL', () => {
    const fromPrompt = planTask(spec('Go to amazon.com and search for laptops [network:5]'), 1);
    const urls = fromPrompt.network.flatMap((n) => n.urls.map((u) => u.url));
    expect(urls).toHaveLength(5);
    expect(urls[0]).toBe('https://amazon.com');
    expect(urls.every((u) => u.startsWith('https://amazon.com'))).toBe(true);
    const fromStart = planTask(
      spec('find the docs', { startingUrl: 'https://example.org/start' }),
      1,
    );
    expect(fromStart.network[0]?.urls[0]?.url).toBe('https://example.org/start');
  });

  it('group a forced network log 10 URLs per entry', () => {
    const plan = planTask(spec('crawl [network:40]'), 1);
    expect(plan.network.map((n) => n.urls.length)).toEqual([10, 10, 10, 10]);
  });

  it('grow usage linearly and price it with costOf', () => {
    const plan = planTask(spec('compare prices [duration:60s]'), 3);
    const half = usageAt(plan, 30_000);
    const full = usageAt(plan, 60_000);
    expect(plan.endMs).toBe(60_000);
    expect(full.prompt_tokens).toBe(plan.promptTokensPerSec * 60);
    expect(Math.abs(full.prompt_tokens - 2 * half.prompt_tokens)).toBeLessThanOrEqual(1);
    expect(full.total_tokens).toBe(full.prompt_tokens + full.completion_tokens);
    expect(full.completion_time).toBe(60);
    expect(full.cost).toBe(costOf(full, 1));
    expect(usageAt(plan, 120_000)).toEqual(full);
  });

  it('report a forced cost exactly at the end', () => {
    const plan = planTask(spec('buy things [cost:0.25] [duration:20s]'), 1);
    expect(usageAt(plan, plan.endMs).cost).toBe(0.25);
    expect(usageAt(plan, 10_000).cost).toBe(0.125);
  });

  it('fail with the documented message for a forced code', () => {
    const plan = planTask(
      spec('open the site [fail:NAVIGATION_TIMEOUT] [duration:50s]', {
        startingUrl: 'https://slow.example',
      }),
      1,
    );
    expect(plan.endMs).toBe(30_000);
    expect(plan.outcome).toEqual({
      kind: 'failed',
      failure: {
        code: 'NAVIGATION_TIMEOUT',
        error: 'Navigation timeout after 30 seconds',
        details: { url: 'https://slow.example', timeout: 30000 },
      },
    });
  });

  it('time out at maxDuration with TASK_TIMEOUT', () => {
    const plan = planTask(spec('long job [duration:10m]', { maxDurationMs: 60_000 }), 1);
    expect(plan.endMs).toBe(60_000);
    expect(plan.outcome).toEqual({
      kind: 'failed',
      failure: { code: 'TASK_TIMEOUT', error: 'Task exceeded maximum duration of 60000ms' },
    });
  });

  it('place a forced guardrail before the end', () => {
    const plan = planTask(spec('log in [guardrail:I need login credentials] [duration:30s]'), 1);
    const guardrail = plan.events.find((e) => e.kind === 'guardrail');
    expect(guardrail).toEqual({ at: 12_000, kind: 'guardrail', value: 'I need login credentials' });
  });

  it('produce structured answers as JSON strings or CSV text', () => {
    const schema = {
      type: 'object',
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, price: { type: 'number' } },
          },
        },
      },
    };
    const json = planTask(
      spec('list laptops', { outputType: 'structured_json', outputSchema: schema }),
      1,
    );
    const message = json.outcome.kind === 'completed' ? json.outcome.message : '';
    const parsed = JSON.parse(message) as { results: { name: string; price: number }[] };
    expect(parsed.results).toHaveLength(3);
    expect(typeof parsed.results[0]?.name).toBe('string');
    expect(typeof parsed.results[0]?.price).toBe('number');
    const csv = planTask(
      spec('list laptops', { outputType: 'structured_csv', outputSchema: ['name', 'price'] }),
      1,
    );
    const lines = (csv.outcome.kind === 'completed' ? csv.outcome.message : '').split('\n');
    expect(lines[0]).toBe('name,price');
    expect(lines).toHaveLength(4);
  });
});
