import { describe, expect, it } from 'vitest';

import { buildInput, EMPTY_FORM } from '../../src-renderer/features/composer/compose-input';
import {
  parseCsvTable,
  parseJsonTable,
} from '../../src-renderer/features/task-detail/result-table';
import {
  EMPTY_QUERY,
  formatHash,
  historyFilter,
  parseHash,
  type Route,
} from '../../src-renderer/stores/route';

describe('the URL hash', () => {
  it('round-trips the view and history filters', () => {
    const route: Route = {
      view: 'history',
      history: {
        ...EMPTY_QUERY,
        q: 'louvre',
        status: ['failed' as const],
        from: '2025-01-02',
        tag: 'travel',
      },
    };
    const hash = formatHash(route);
    expect(hash).toBe('#/history?q=louvre&status=failed&from=2025-01-02&tag=travel');
    expect(parseHash(hash)).toEqual(route);
  });

  it('falls back to the queue and drops unknown values', () => {
    expect(parseHash('#/nowhere').view).toBe('queue');
    expect(parseHash('#/history?status=bogus,completed&from=yesterday').history).toMatchObject({
      status: ['completed'],
      from: '',
    });
  });

  it('turns local dates into whole days for the core', () => {
    const filter = historyFilter({ ...EMPTY_QUERY, from: '2025-03-01', to: '2025-03-01' });
    expect(filter.to! - filter.from!).toBe(24 * 3600 * 1000 - 1);
  });
});

describe('composer input', () => {
  it('sends seconds as milliseconds and structured CSV columns as a list', () => {
    const built = buildInput({
      ...EMPTY_FORM,
      prompt: 'x',
      outputType: 'structured_csv',
      csvColumns: 'a, b',
      maxDurationSec: '90',
      tags: 'one two',
      costCap: '0.5',
    });
    expect(built).toMatchObject({
      ok: true,
      input: {
        options: { outputSchema: ['a', 'b'], maxDuration: 90_000 },
        tags: ['one', 'two'],
        costCap: 0.5,
      },
    });
  });

  it('explains a JSON Schema that is not an object', () => {
    expect(
      buildInput({ ...EMPTY_FORM, prompt: 'x', outputType: 'structured_json', jsonSchema: '[1]' }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('JSON object') });
  });
});

describe('result tables', () => {
  it('shows an object holding a list of records as that list', () => {
    expect(parseJsonTable('{"items":[{"name":"A","price":1},{"name":"B"}]}')).toEqual({
      columns: ['name', 'price'],
      rows: [
        ['A', '1'],
        ['B', ''],
      ],
    });
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsvTable('name,note\n"Smith, J","said ""hi"""\n')).toEqual({
      columns: ['name', 'note'],
      rows: [['Smith, J', 'said "hi"']],
    });
  });
});
