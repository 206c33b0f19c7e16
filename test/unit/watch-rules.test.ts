// The watch rules one by one: checks and their verdict (never a silent pass), change detection
// (watched paths, ignored paths and values, numeric tolerance, whole text), the row and word
// diffs, pass and flap rates, and which alerts a run raises.
import { describe, expect, it } from 'vitest';
import { ChangeSettings, WatchCheck, type WatchCheckInput } from '../../src-main/contract/watches';
import { detectChange } from '../../src-main/core/watches/change-detect';
import { verdictOf } from '../../src-main/core/watches/checks';
import { compareRuns } from '../../src-main/core/watches/compare-runs';
import { evaluateRun } from '../../src-main/core/watches/evaluate-run';
import { parsePath, valuesAt } from '../../src-main/core/watches/key-paths';
import { ratesOf } from '../../src-main/core/watches/rates';
import type { RunSnapshot } from '../../src-main/core/watches/run-output';
import { wordDiff } from '../../src-main/core/watches/word-diff';

const run = (output: unknown, over: Partial<RunSnapshot> = {}): RunSnapshot => ({
  id: 'r',
  status: 'completed',
  createdAt: 1,
  outputType: 'structured_json',
  outputSchema: null,
  result: typeof output === 'string' ? output : JSON.stringify(output),
  cost: 0.02,
  tokens: 1000,
  durationMs: 20_000,
  steps: 4,
  hosts: ['www.shop.example'],
  files: [],
  questions: [],
  ...over,
});
const checks = (...list: WatchCheckInput[]) => list.map((c) => WatchCheck.parse(c));
const settings = (s: Parameters<typeof ChangeSettings.parse>[0] = {}) => ChangeSettings.parse(s);
const product = { price: 19.5, title: 'Kettle', stock: [1, 2, 3], seen: '2026-12-07T09:00:00Z' };

describe('checks', () => {
  it('pass only when every check applies and passes', () => {
    const v = verdictOf(
      checks(
        { kind: 'number', path: 'price', min: 10, max: 20 },
        { kind: 'pattern', path: 'title', pattern: '^Ket' },
        { kind: 'length', path: 'stock', atLeast: 3 },
        { kind: 'present', path: 'seen' },
        { kind: 'domains', allow: ['shop.example'] },
        { kind: 'cost', atMost: 0.05 },
      ),
      run(product),
    );
    expect(v.verdict).toBe('pass');
    expect(v.results.map((r) => r.outcome)).toEqual(Array(6).fill('pass'));
  });

  it('fail names what failed and by how much', () => {
    const v = verdictOf(
      checks(
        { kind: 'number', path: 'price', max: 15 },
        { kind: 'length', path: 'stock', atMost: 2 },
        { kind: 'present', path: 'discount' },
        { kind: 'domains', allow: ['other.example'] },
        { kind: 'cost', atMost: 0.01 },
      ),
      run(product),
    );
    expect(v.verdict).toBe('fail');
    expect(v.results.map((r) => r.detail)).toEqual([
      'price is 19.5, above 15.',
      'stock has 3 items, more than 2.',
      'discount is missing from the output.',
      'Visited outside the list: www.shop.example.',
      'Cost $0.02, over $0.01.',
    ]);
  });

  it('is unverified with no checks, unreadable output, a missing number or an unknown cost', () => {
    expect(verdictOf([], run(product)).verdict).toBe('unverified');
    const c = checks({ kind: 'number', path: 'price', min: 1 });
    expect(verdictOf(c, run('{not json')).verdict).toBe('unverified');
    expect(verdictOf(c, run('{not json')).results[0]!.detail).toMatch(/not valid JSON/);
    expect(verdictOf(c, run({ other: 1 })).verdict).toBe('unverified');
    expect(
      verdictOf(checks({ kind: 'cost', atMost: 1 }), run(product, { cost: null })).verdict,
    ).toBe('unverified');
    // One unverified among passes is still not a pass.
    expect(
      verdictOf(
        checks(
          { kind: 'number', path: 'price', min: 1 },
          { kind: 'present', path: 'title' },
          {
            kind: 'cost',
            atMost: 1,
          },
        ),
        run(product, { cost: null }),
      ).verdict,
    ).toBe('unverified');
  });

  it('validates structured output against the template schema with ajv', () => {
    const schema = {
      type: 'object',
      required: ['price'],
      properties: { price: { type: 'number' } },
    };
    const c = checks({ kind: 'schema' });
    expect(verdictOf(c, run(product, { outputSchema: schema })).verdict).toBe('pass');
    const bad = verdictOf(c, run({ price: 'free' }, { outputSchema: schema }));
    expect(bad.verdict).toBe('fail');
    expect(bad.results[0]!.detail).toMatch(/price/);
    expect(verdictOf(c, run(product)).verdict).toBe('unverified');
  });

  it('applies a rule to every value a wildcard names, and reads CSV rows as records', () => {
    const c = checks({ kind: 'number', path: '[*].price', max: 10 });
    const csv = (text: string) => run(text, { outputType: 'structured_csv' });
    expect(verdictOf(c, csv('name,price\na,5\nb,9')).verdict).toBe('pass');
    const v = verdictOf(c, csv('name,price\na,5\nb,"1,200"'));
    expect(v.results[0]!.detail).toBe('[1].price is 1200, above 10.');
  });

  it('refuses a pattern that does not compile, at input, not at run time', () => {
    expect(() => WatchCheck.parse({ kind: 'pattern', path: 'a', pattern: '(' })).toThrow(
      /regular expression/,
    );
  });
});

describe('change detection', () => {
  const before = run(product);
  it('ignores a path, a value pattern and a number within tolerance', () => {
    const after = run({ ...product, price: 19.6, seen: '2026-12-08T10:00:00Z', stock: [1, 2] });
    expect(detectChange(before, after, settings()).changes.map((c) => c.path)).toEqual([
      'price',
      'stock[2]',
      'seen',
    ]);
    const quiet = settings({
      ignorePaths: ['stock'],
      ignorePatterns: ['^\\d{4}-\\d\\d-\\d\\dT'],
      tolerance: 0.2,
    });
    const found = detectChange(before, after, quiet);
    expect(found).toMatchObject({ material: false, changes: [], noise: 3 });
  });

  it('looks only at the watched paths, and a percentage tolerance scales with the value', () => {
    const after = run({ ...product, price: 21, title: 'Pot' });
    expect(detectChange(before, after, settings({ watch: ['title'] })).changes).toEqual([
      { path: 'title', kind: 'changed', before: 'Kettle', after: 'Pot' },
    ]);
    const s = settings({ watch: ['price'], tolerancePercent: 10 });
    expect(detectChange(before, after, s).material).toBe(false);
    expect(detectChange(before, run({ ...product, price: 22 }), s).material).toBe(true);
  });

  it('compares text whole, with ignored patterns blanked out', () => {
    const text = (t: string) => run(t, { outputType: 'text' });
    const s = settings({ ignorePatterns: ['\\d\\d:\\d\\d'] });
    expect(
      detectChange(text('Open at 09:00 today'), text('Open  at 10:15 today'), s),
    ).toMatchObject({
      material: false,
      noise: 1,
    });
    expect(detectChange(text('Open at 09:00'), text('Closed at 09:00'), s).material).toBe(true);
  });

  it('says when outputs cannot be compared, and never calls that a change', () => {
    const found = detectChange(before, run('oops'), settings());
    expect(found.material).toBe(false);
    expect(found.unreadable).toMatch(/^After: .*not valid JSON/);
  });
});

describe('comparison', () => {
  it('diffs CSV rows as multisets, and columns', () => {
    const a = run('name,price\na,1\nb,2\nb,2', { outputType: 'structured_csv' });
    const b = run('name,price,stock\na,1,\nb,2,', { outputType: 'structured_csv' });
    const c = compareRuns(a, b);
    expect(c.output).toMatchObject({ kind: 'rows', columns: { added: ['stock'], removed: [] } });
    const same = compareRuns(a, run('price,name\n2,b\n1,a\n2,b', { outputType: 'structured_csv' }));
    expect(same.output).toMatchObject({ added: [], removed: [], unchanged: 3 });
    expect(same.same).toBe(true);
  });

  it('diffs text by words, and reports cost, domains, files and questions', () => {
    const a = run('The kettle costs 19 euros', {
      outputType: 'text',
      hosts: ['a.example', 'b.example'],
      files: ['x.pdf'],
    });
    const b = run('The red kettle costs 21 euros', {
      outputType: 'text',
      cost: 0.03,
      hosts: ['b.example', 'c.example'],
      files: ['y.pdf'],
      questions: ['Log in?'],
    });
    const c = compareRuns(a, b);
    expect(c.output).toEqual({
      kind: 'words',
      changed: true,
      parts: [
        { kind: 'same', text: 'The ' },
        { kind: 'added', text: 'red ' },
        { kind: 'same', text: 'kettle costs ' },
        { kind: 'removed', text: '19 ' },
        { kind: 'added', text: '21 ' },
        { kind: 'same', text: 'euros' },
      ],
    });
    expect(c.cost.change).toBeCloseTo(0.01);
    expect(c.domains).toEqual({ added: ['c.example'], removed: ['a.example'] });
    expect(c.files).toEqual({ added: ['y.pdf'], removed: ['x.pdf'] });
    expect(c.questions).toEqual({ before: [], after: ['Log in?'] });
    expect(c.same).toBe(false);
  });

  it('word diff joins back into both texts', () => {
    const parts = wordDiff('a b c d', 'a x c d e');
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('a b c d');
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('a x c d e');
  });
});

describe('key paths', () => {
  it('read quoted keys, wildcards, deep wildcards and the root', () => {
    const doc = { 'a b': { '*': 1, x: [{ at: 1 }, { at: 2 }] } };
    expect(valuesAt(doc, parsePath('["a b"]["*"]')).map((l) => l.value)).toEqual([1]);
    expect(valuesAt(doc, parsePath('**.at')).map((l) => l.path)).toEqual([
      '["a b"].x[0].at',
      '["a b"].x[1].at',
    ]);
    expect(valuesAt(5, parsePath('$'))[0]).toMatchObject({ path: '$', value: 5 });
    expect(() => parsePath('a[b')).toThrow(/without its \]/);
  });
});

describe('rates and alerts', () => {
  it('pass rate and flap rate over the last 20 verdicts', () => {
    const verdicts = [
      ...Array(10).fill('pass'),
      'fail',
      'pass',
      'fail',
      'unverified',
      ...Array(20).fill('fail'),
    ];
    const r = ratesOf(verdicts);
    expect(r).toMatchObject({ runs: 20, passed: 11, failed: 8, unverified: 1 });
    expect(r.passRate).toBeCloseTo(11 / 20);
    expect(r.flapRate).toBeCloseTo(3 / 18);
    expect(ratesOf([])).toMatchObject({ passRate: null, flapRate: null });
  });

  const watch = {
    name: 'Kettle',
    checks: checks({ kind: 'number', path: 'price', max: 30 }),
    change: settings({ watch: ['price'], unchangedDays: 2 }),
  };
  const base = {
    watch,
    previous: run(product),
    lastChangeAt: 0,
    lastUnchangedAlertAt: null,
    now: 0,
  };

  it('raise one alert for a material change, a failed check or a failed run; none for noise', () => {
    const kinds = (r: RunSnapshot) => evaluateRun({ ...base, run: r }).alerts.map((a) => a.kind);
    expect(kinds(run({ ...product, title: 'other' }))).toEqual([]);
    expect(kinds(run({ ...product, price: 25 }))).toEqual(['material_change']);
    expect(kinds(run({ ...product, price: 19.5, extra: 1 }, {}))).toEqual([]);
    expect(kinds(run({ ...product, price: 40 }))).toEqual(['check_failed', 'material_change']);
    expect(kinds(run(null, { status: 'failed', result: null }))).toEqual(['run_failed']);
  });

  it('cut a hostile key in the alert to 80 characters', () => {
    const key = 'k'.repeat(5000);
    const everything = { ...watch, change: settings() };
    const [alert] = evaluateRun({
      ...base,
      watch: everything,
      run: run({ ...product, [key]: 1 }),
    }).alerts;
    expect(alert!.message).toBe(`Kettle changed: ${'k'.repeat(79)}… added.`);
  });

  it('say what a short value changed from and to, and only the path for a long one', () => {
    const everything = { ...watch, change: settings({ watch: ['price', 'title'] }) };
    const message = (r: RunSnapshot) =>
      evaluateRun({ ...base, watch: everything, run: r }).alerts.find(
        (a) => a.kind === 'material_change',
      )!.message;
    expect(message(run({ ...product, price: 25 }))).toBe('Kettle changed: price 19.5 → 25.');
    expect(message(run({ ...product, title: 'Kettle\n  Pro' }))).toBe(
      'Kettle changed: title "Kettle" → "Kettle Pro".',
    );
    expect(message(run({ ...product, title: 'x'.repeat(500) }))).toBe('Kettle changed: title.');
  });

  it('say "unchanged for N days" once per quiet stretch', () => {
    const quiet = {
      ...base,
      run: run(product, { createdAt: 3 * 86_400_000 }),
      now: 3 * 86_400_000,
    };
    expect(evaluateRun(quiet).alerts.map((a) => a.message)).toEqual([
      'Kettle has not changed for 2 days.',
    ]);
    expect(evaluateRun({ ...quiet, lastUnchangedAlertAt: 2 * 86_400_000 }).alerts).toEqual([]);
  });
});
