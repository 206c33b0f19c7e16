// The composer checks its fields for speed and for words a person can act on; the core checks
// again with the contract's CreateTaskInput. Both are fed the same forms here, so they cannot
// drift apart: whatever the composer sends, the core accepts (else the person meets the core's
// raw message, as with the long prompt), and whatever the core would accept, the composer
// sends, except where it is stricter on purpose (listed in `deliberatelyStricter`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateTaskInput } from '../../src-main/contract/index';
import {
  buildInput,
  EMPTY_FORM,
  normaliseUrl,
  type ComposerForm,
} from '../../src-renderer/features/composer/compose-input';

/** Mostly values a person would type, sometimes a boundary or a slip, now and then anything. */
const field = (usual: string[], edges: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...usual), weight: 12 },
    { arbitrary: fc.constantFrom(...edges), weight: 2 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  );
const site = fc.constantFrom('example.com', '*.shop.test', 'all', 'a-b.example.org');
const some = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: fc.array(item, { maxLength: 3 }), weight: 12 },
    { arbitrary: fc.array(item, { minLength: 19, maxLength: 22 }), weight: 2 },
  );

const form: fc.Arbitrary<ComposerForm> = fc.record({
  prompt: field(
    ['Find the menu', ' x ', 'Compare prices'],
    ['', '   ', 'x'.repeat(100_000), ` ${'y'.repeat(100_000)} `, 'z'.repeat(100_001)],
  ),
  startingUrl: fc.oneof(
    {
      arbitrary: field(
        ['', 'https://example.com', ' http://a.test/x '],
        [
          '  ',
          'ftp://example.com',
          'example.com',
          'not a url',
          'javascript:alert(1)',
          `https://example.com/${'a'.repeat(2028)}`,
          `https://example.com/${'a'.repeat(2029)}`,
        ],
      ),
      weight: 4,
    },
    { arbitrary: fc.webUrl(), weight: 1 },
  ),
  outputType: fc.constantFrom('text', 'structured_json', 'structured_csv'),
  jsonSchema: field(['{"type":"object"}', '{}'], ['', '[1]', '["a"]', 'null', '{bad', '42']),
  csvColumns: field(['name, price', 'a'], ['', ' , ', 'a,,b']),
  maxDurationSec: field(['', '1', '60', '300'], ['0', '301', '-5', 'abc', ' 30 ', '1.5']),
  maxInputTokens: field(['', '0', '12', '100000'], ['100001', '-1', '1e3', '2.5']),
  maxOutputTokens: field(['', '7', '100000'], ['100001', '-3']),
  costCap: field(['', '0.01', '5', '10000'], ['0', '-1', '10000.01', 'Infinity', '1e2', 'NaN']),
  mode: fc.constantFrom('oneshot', 'session', 'followup'),
  sessionId: fc.constantFrom('', 'session-1'),
  keepSessionOpen: fc.boolean(),
  priority: field(['', '0', '-10', '10', '3'], ['11', '-11', '+2', '1e1', '0.5']),
  tags: field(
    ['', 'weekly', 'a, b c'],
    [
      ' , ',
      'x'.repeat(40),
      'x'.repeat(41),
      Array.from({ length: 20 }, (_, i) => `t${i}`).join(' '),
      Array.from({ length: 21 }, (_, i) => `t${i}`).join(','),
    ],
  ),
  credentials: some(site),
  credentialsChosen: fc.boolean(),
  attachments: some(
    fc.record({
      fileId: fc.constantFrom('f1', 'file-2'),
      name: fc.constant('a.txt'),
      size: fc.nat(1000),
    }),
  ),
  // Picked from the environments WebRun lists, never typed.
  environmentId: fc.constantFrom('', '683a1f2e4b0c1d2e3f4a5b6c'),
  // A saved template's name (at most 100 characters, as templates.save takes it), or none.
  template: fc.constantFrom('', 'Acme monthly report', 'x'.repeat(100)),
});

/** The same form as the contract sees it, written without the composer's code. */
function direct(f: ComposerForm): unknown {
  const num = (v: string): number | null => (v.trim() === '' ? null : Number(v));
  const schema = (): unknown => {
    if (f.outputType === 'structured_json') {
      if (f.jsonSchema.trim() === '') return null;
      try {
        return JSON.parse(f.jsonSchema) as unknown;
      } catch {
        return f.jsonSchema;
      }
    }
    if (f.outputType === 'structured_csv')
      return f.csvColumns
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
    return null;
  };
  const seconds = num(f.maxDurationSec);
  return {
    prompt: f.prompt,
    // The composer takes an address without a scheme as https, as an address bar does.
    startingUrl: f.startingUrl.trim() === '' ? null : normaliseUrl(f.startingUrl),
    options: {
      outputType: f.outputType,
      outputSchema: schema(),
      maxDuration: seconds === null ? null : seconds * 1000,
      maxInputTokens: num(f.maxInputTokens),
      maxOutputTokens: num(f.maxOutputTokens),
      files: f.attachments.map((a) => a.fileId),
    },
    mode: f.mode === 'oneshot' ? 'oneshot' : 'session',
    ...(f.mode === 'followup' ? { sessionId: f.sessionId } : {}),
    keepSessionOpen: f.mode !== 'oneshot' && f.keepSessionOpen,
    priority: num(f.priority) ?? 0,
    tags: f.tags.split(/[\s,]+/).filter(Boolean),
    costCap: num(f.costCap),
    ...(f.credentials.length ? { credentials: f.credentials } : {}),
    ...(f.environmentId ? { environmentId: f.environmentId } : {}),
    ...(f.template ? { template: f.template } : {}),
  };
}

/** Where the composer refuses what the contract alone would take, on purpose. */
function deliberatelyStricter(f: ComposerForm): boolean {
  // A CSV needs at least one column; the contract takes an empty list.
  const noColumns =
    f.outputType === 'structured_csv' && f.csvColumns.split(',').every((c) => c.trim() === '');
  // Durations are typed in whole seconds; the contract counts milliseconds.
  const partSecond = f.maxDurationSec.trim() !== '' && !Number.isInteger(Number(f.maxDurationSec));
  // A follow-up needs its session picked; the contract reads a missing one as a new session.
  const noSession = f.mode === 'followup' && f.sessionId === '';
  // A space inside the address: WebRun takes none, though some URL parsers (Node's) accept it.
  const spaced = /\s/.test(f.startingUrl.trim());
  // The attachment picker is capped at 20 files, the contract too; both refuse 21 (no exception).
  return noColumns || partSecond || noSession || spaced;
}

describe('the composer and CreateTaskInput agree', () => {
  it('whatever the composer sends, the core accepts', () => {
    fc.assert(
      fc.property(form, (f) => {
        const built = buildInput(f);
        if (!built.ok) return true;
        const parsed = CreateTaskInput.safeParse(built.input);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(
          true,
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('whatever the core would accept, the composer sends (but for its deliberate checks)', () => {
    fc.assert(
      fc.property(form, (f) => {
        if (deliberatelyStricter(f)) return true;
        const built = buildInput(f);
        const parsed = CreateTaskInput.safeParse(direct(f));
        expect(
          built.ok,
          built.ok ? 'the core refused it' : `the composer refused: ${built.error}`,
        ).toBe(parsed.success);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses in the contract’s own words where they overlap', () => {
    const url = buildInput({
      ...EMPTY_FORM,
      prompt: 'x',
      startingUrl: `https://example.com/${'a'.repeat(2029)}`,
    });
    expect(url).toEqual({
      ok: false,
      error: 'Starting URL is too long (2048 characters at most).',
      errors: { startingUrl: 'Starting URL is too long (2048 characters at most).' },
    });
  });
});
