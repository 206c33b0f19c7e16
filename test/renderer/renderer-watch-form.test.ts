// The watch editor's fields to the contract's WatchInput and back: each mistake lands on its
// field in words (a bad regular expression, a JSON Schema that is not JSON, a number that is
// not one, a placeholder without a value), and a saved watch reads back into the same input.
import { describe, expect, it } from 'vitest';
import { WatchCheck, WatchInput, type WatchView } from '../../src-main/contract/watches';
import { checkOf, newCheckRow } from '../../src-renderer/features/watches/check-rows';
import {
  buildWatch,
  emptyWatchForm,
  fieldsFrom,
  formOfWatch,
  type WatchForm,
} from '../../src-renderer/features/watches/watch-form';

const SCHEMA = '{"type":"object","properties":{"price":{"type":"number"}}}';

function form(patch: Partial<WatchForm> = {}): WatchForm {
  return {
    ...emptyWatchForm(),
    name: 'Kettle',
    prompt: 'Price of {{p}}',
    jsonSchema: SCHEMA,
    values: { p: 'kettle' },
    timezone: 'UTC',
    ...patch,
  };
}

describe('watch checks from the editor rows', () => {
  it('says a bad regular expression on its row, with an empty key path beside it', () => {
    const row = { ...newCheckRow('pattern'), path: 'name', pattern: '([' };
    expect(checkOf(row)).toEqual({ error: 'Pattern: Not a valid regular expression.' });
    expect(checkOf({ ...row, path: ' ' })).toEqual({
      error: 'Key path: A key path is empty. Pattern: Not a valid regular expression.',
    });
  });

  it('says a JSON Schema that is not JSON, and one that is not an object', () => {
    expect(checkOf({ ...newCheckRow('schema'), schema: '{"type":' })).toMatchObject({
      error: expect.stringMatching(/^The JSON Schema is not valid JSON: /),
    });
    expect(checkOf({ ...newCheckRow('schema'), schema: '[1]' })).toMatchObject({
      error: expect.stringMatching(/must be a JSON object/),
    });
    // Empty: the template's own schema.
    expect(checkOf(newCheckRow('schema'))).toEqual({ check: { kind: 'schema', schema: null } });
  });

  it('refuses a range without bounds, reversed bounds, and a number that is not one', () => {
    const row = { ...newCheckRow('number'), path: 'price' };
    expect(checkOf(row)).toEqual({ error: 'Give a lowest value, a highest, or both.' });
    expect(checkOf({ ...row, min: '20', max: '10' })).toEqual({
      error: 'The lowest value (20) is above the highest (10).',
    });
    expect(checkOf({ ...row, min: 'ten' })).toEqual({
      error: 'The lowest value must be a number: “ten” is not.',
    });
    expect(checkOf({ ...newCheckRow('cost'), max: '' })).toMatchObject({
      error: 'Give the most a run may cost, in USD.',
    });
  });

  it('reads domains separated by commas or spaces', () => {
    expect(
      checkOf({ ...newCheckRow('domains'), allow: 'Example.com, shop.example.com  cdn.test' }),
    ).toEqual({
      check: { kind: 'domains', allow: ['example.com', 'shop.example.com', 'cdn.test'] },
    });
  });
});

describe('a watch from the editor', () => {
  it('keeps every mistake by its field', () => {
    const row = { ...newCheckRow('pattern'), path: 'name', pattern: '([' };
    const built = buildWatch(
      form({
        name: ' ',
        values: {},
        jsonSchema: '{',
        checks: [row],
        ignorePatterns: 'ok\n(',
        tolerance: 'a bit',
        preset: 'daily',
        at: '9am',
      }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toMatchObject({
      name: 'Name the watch.',
      values: 'Give a value for {{p}}.',
      jsonSchema: expect.stringMatching(/not valid JSON/),
      [`check-${row.key}`]: 'Pattern: Not a valid regular expression.',
      ignorePatterns: 'Line 2 (“(”): Not a valid regular expression.',
      tolerance: 'Tolerance must be a number: “a bit” is not.',
      at: 'A time of day looks like 09:00.',
    });
  });

  it('builds what the contract accepts, and a saved watch reads back into the same input', () => {
    const built = buildWatch(
      form({
        checks: [{ ...newCheckRow('number'), path: 'price', min: '0', max: '500' }],
        scheduleKind: 'cron',
        cron: '*/30 * * * *',
        watchPaths: 'price\n',
        ignorePaths: 'updatedAt',
        tolerance: '0.5',
        unchangedDays: '7',
        catchUp: 'skip',
      }),
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const spec = WatchInput.parse(built.input);
    expect(spec.change).toMatchObject({
      watch: ['price'],
      ignorePaths: ['updatedAt'],
      tolerance: 0.5,
      unchangedDays: 7,
    });
    const saved = { ...spec, id: 'w1', state: 'active', reason: null } as unknown as WatchView;
    const again = buildWatch(formOfWatch(saved));
    expect(again.ok && WatchInput.parse(again.input)).toEqual(spec);
  });

  it('leaves a starting URL with a placeholder to be checked once filled', () => {
    const built = buildWatch(form({ startingUrl: 'https://{{p}}.example.com' }));
    expect(built.ok && built.input.template.startingUrl).toBe('https://{{p}}.example.com');
  });

  it('starts from a template or task: its task fields, a CSV output as its columns', () => {
    const fields = fieldsFrom({
      prompt: 'List the offers',
      startingUrl: null,
      options: { outputType: 'structured_csv', outputSchema: ['name', 'price'] },
      costCap: 0.5,
      environmentId: 'env-1',
    });
    expect(fields).toEqual({
      prompt: 'List the offers',
      startingUrl: '',
      outputType: 'structured_csv',
      jsonSchema: '',
      csvColumns: 'name, price',
      costCap: '0.5',
      environmentId: 'env-1',
    });
    const built = buildWatch(form({ ...fields, values: {} }));
    expect(built.ok && built.input.template.options).toEqual({
      outputType: 'structured_csv',
      outputSchema: ['name', 'price'],
    });
  });
});

describe('the editor and the core hold a check to the same rules', () => {
  const rows = [
    { ...newCheckRow('pattern'), path: 'a', pattern: '(?<x>a)\\k<x>' },
    { ...newCheckRow('pattern'), path: 'a', pattern: '\\p{L}+' },
    { ...newCheckRow('pattern'), path: 'a', pattern: '[' },
    { ...newCheckRow('pattern'), path: ' ', pattern: 'a' },
    { ...newCheckRow('pattern'), path: 'a'.repeat(501), pattern: 'a' },
    { ...newCheckRow('domains'), allow: 'exa mple.com' },
    { ...newCheckRow('domains'), allow: 'bad_domain.com' },
    { ...newCheckRow('domains'), allow: '*.example.com' },
    { ...newCheckRow('length'), path: 'items', min: '1.5' },
    { ...newCheckRow('length'), path: 'items', max: '2000000' },
    { ...newCheckRow('cost'), max: '-1' },
    { ...newCheckRow('cost'), max: '20000' },
    { ...newCheckRow('number'), path: 'p', min: '-1e16' },
  ];
  it.each(rows.map((row) => [row.kind, row] as const))(
    '%s: accepted by both or neither',
    (_, row) => {
      const local = checkOf(row);
      if ('check' in local) expect(WatchCheck.safeParse(local.check).success).toBe(true);
      else expect(local.error).toMatch(/\S/);
    },
  );
  it('a pattern the core refuses, the editor refuses too', () => {
    for (const pattern of ['[', '(', 'a{2,1}', '\\']) {
      expect(checkOf({ ...newCheckRow('pattern'), path: 'a', pattern })).toHaveProperty('error');
      expect(WatchCheck.safeParse({ kind: 'pattern', path: 'a', pattern }).success).toBe(false);
    }
  });
});
