// Every number, string and list a caller may send the desk has a maximum that means something,
// and a value past it is refused with the bound in the message (issue 31: a 30-day question
// timeout was accepted and stopped every task at once).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods } from '../../src-main/contract/index';
import { MAX_QUESTION_TIMEOUT_MS } from '../../src-main/contract/bounds';
import { SettingsPatch } from '../../src-main/contract/settings';

type Json = Record<string, unknown>;

/** Paths of input fields without a real maximum (int() alone gives MAX_SAFE_INTEGER). */
function unbounded(schema: unknown, path: string, out: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const j = schema as Json;
  const types = ([] as unknown[]).concat(j.type ?? []);
  const isNumber = types.includes('number') || types.includes('integer');
  const max = (j.maximum ?? j.exclusiveMaximum) as number | undefined;
  if (isNumber && (max === undefined || max >= Number.MAX_SAFE_INTEGER)) out.push(path);
  if (types.includes('string') && j.maxLength === undefined && !j.enum && j.const === undefined)
    out.push(`${path} (text)`);
  if (types.includes('array') && j.maxItems === undefined) out.push(`${path} (list)`);
  for (const [key, value] of Object.entries(j)) {
    if (key === 'properties')
      for (const [name, inner] of Object.entries(value as Json))
        unbounded(inner, `${path}.${name}`, out);
    else if (key === 'items') unbounded(value, `${path}[]`, out);
    else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf')
      for (const inner of value as unknown[]) unbounded(inner, path, out);
    else if (key === 'additionalProperties') unbounded(value, `${path}.*`, out);
  }
}

describe('input bounds', () => {
  it('every method input has a maximum for each number, text and list', () => {
    const out: string[] = [];
    for (const [name, spec] of Object.entries(methods)) {
      const json = z.toJSONSchema((spec as { input: z.ZodType }).input, {
        io: 'input',
        unrepresentable: 'any',
      });
      unbounded(json, name, out);
    }
    expect(out).toEqual([]);
  });

  it('refuses a 30-day question timeout, naming WebRun’s 5-minute expiry', () => {
    const month = SettingsPatch.safeParse({ runner: { guardrailTimeoutMs: 2_592_000_000 } });
    expect(month.success).toBe(false);
    expect(month.error?.issues[0]?.message).toMatch(/300 seconds \(5 minutes\) at most/);
    const fiveMinutes = SettingsPatch.safeParse({
      runner: { guardrailTimeoutMs: MAX_QUESTION_TIMEOUT_MS },
    });
    expect(fiveMinutes.success).toBe(true);
  });

  it('names the bound when a cap is too large', () => {
    const result = SettingsPatch.safeParse({ budget: { dailyCap: 1e12 } });
    expect(result.error?.issues[0]?.message).toBe('A cap can be $1,000,000.00 at most.');
  });
});
