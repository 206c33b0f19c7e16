// Reading a batch's rows and checking them against the template; the estimate's limits.
import { describe, expect, it } from 'vitest';
import { BatchTemplate } from '../../src-main/contract/batches';
import { estimateBatch, etaMs, rateFloorMs } from '../../src-main/core/batches/estimate';
import { parseRows } from '../../src-main/core/batches/parse-rows';
import { checkRows, placeholders, renderTask } from '../../src-main/core/batches/template';

describe('parseRows', () => {
  it('reads quoted fields with separators, quotes and newlines inside', () => {
    const parsed = parseRows(
      'product,note\n"Kettle, steel","say ""hi""\nsecond line"\nToaster,plain\n',
    );
    expect(parsed.columns).toEqual(['product', 'note']);
    expect(parsed.rows).toEqual([
      { line: 2, values: { product: 'Kettle, steel', note: 'say "hi"\nsecond line' } },
      { line: 4, values: { product: 'Toaster', note: 'plain' } },
    ]);
  });

  it('drops a byte-order mark and detects ; as the separator (with decimal commas inside)', () => {
    const parsed = parseRows('\uFEFFproduct;price\r\nKettle;"1,50"\r\nToaster;2,75\r\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.columns).toEqual(['product', 'price']);
    expect(parsed.rows.map((r) => r.values)).toEqual([
      { product: 'Kettle', price: '1,50' },
      { product: 'Toaster', price: '2,75' },
    ]);
  });

  it('detects , and keeps line numbers right across blank lines', () => {
    const parsed = parseRows('a,b\n1,2\n\n3,4');
    expect(parsed.delimiter).toBe(',');
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('reads a single column and JSON arrays of objects', () => {
    expect(parseRows('product\nKettle\nToaster').rows.map((r) => r.values.product)).toEqual([
      'Kettle',
      'Toaster',
    ]);
    const json = parseRows(
      '[{"product": "Kettle", "price": 2, "tags": ["a"]}, {"product": "Toaster"}]',
    );
    expect(json.columns).toEqual(['product', 'price', 'tags']);
    expect(json.rows[0]!.values).toEqual({ product: 'Kettle', price: '2', tags: '["a"]' });
    expect(json.rows[1]).toEqual({ line: 2, values: { product: 'Toaster' } });
  });

  it('refuses an unterminated quote, a nameless or repeated column, and bad JSON, saying where', () => {
    expect(() => parseRows('a,b\n1,2\n"3,4\n')).toThrow(/Line 3/);
    expect(() => parseRows('a,,b\n1,2,3')).toThrow(/without a name/);
    expect(() => parseRows('a,a\n1,2')).toThrow(/"a" appears twice/);
    expect(() => parseRows('[{"a": 1}')).toThrow(/not valid JSON/);
    expect(() => parseRows('[1, 2]')).toThrow(/Item 1/);
  });
});

describe('template', () => {
  const template = BatchTemplate.parse({
    prompt: 'Find the price of {{ product }} on {{shop}}',
    startingUrl: 'https://{{shop}}/search',
    options: {
      outputType: 'structured_json',
      outputSchema: {
        type: 'object',
        description: 'Offer for {{product}}',
        properties: { price: { type: 'number', description: 'in {{currency}}' } },
      },
    },
  });

  it('finds placeholders in the prompt, the starting URL and schema descriptions', () => {
    expect(placeholders(template).sort()).toEqual(['currency', 'product', 'shop']);
  });

  it('fills a row in, tagging the task with its batch', () => {
    const task = renderTask(
      template,
      { product: 'Kettle', shop: 'shop.example', currency: 'EUR' },
      'abc',
    );
    expect(task.prompt).toBe('Find the price of Kettle on shop.example');
    expect(task.startingUrl).toBe('https://shop.example/search');
    expect(task.options.outputSchema).toEqual({
      type: 'object',
      description: 'Offer for Kettle',
      properties: { price: { type: 'number', description: 'in EUR' } },
    });
    expect(task.tags[0]).toBe('batch-abc');
  });

  it('lists a column the rows lack, and each row missing a value with its line', () => {
    expect(checkRows(template, ['product', 'shop'], []).unknownColumns).toEqual(['currency']);
    const rows = parseRows(
      'product,shop,currency\nKettle,a.example,EUR\n,b.example,\nToaster,c d,EUR\n',
    ).rows;
    const { problems } = checkRows(template, ['product', 'shop', 'currency'], rows);
    expect(problems.map((p) => [p.line, p.missing])).toEqual([
      [3, ['product', 'currency']],
      [4, []],
    ]);
    expect(problems[0]!.message).toBe('Line 3: no value for product, currency.');
    // "c d" renders an address that is not a URL: refused as a single task would be.
    expect(problems[1]!.message).toMatch(/^Line 4: Starting URL/);
  });

  it('flags a CSV row with more values than the header has columns, never dropping them silently', () => {
    const parsed = parseRows(
      'product,shop,currency\nKettle,a.example,EUR\nToaster, 2 slots,b.example,EUR\nGrill,c.example,EUR,\n',
    );
    expect(parsed.rows[1]!.extra).toEqual(['EUR']);
    // An empty trailing cell (a stray comma at the end) is not a value.
    expect(parsed.rows[2]!.extra).toBeUndefined();
    const { problems } = checkRows(template, parsed.columns, parsed.rows);
    expect(problems.map((p) => p.line)).toEqual([3]);
    expect(problems[0]!.message).toBe(
      'Line 3: 4 values for 3 columns (product, shop, currency); a value holding the separator needs quotes around it.',
    );
  });
});

describe('estimate', () => {
  const history = { costs: [], durationsMs: [] };

  it('never promises less than the submission limit allows: 600 rows at 10 a minute take an hour', () => {
    const estimate = estimateBatch({
      rows: 600,
      concurrency: 100,
      mode: 'oneshot',
      rowsPerSession: 1,
      history,
      rateLimit: { max: 10, windowMs: 60_000 },
    });
    expect(estimate.time.rateFloorMs).toBe(3_600_000);
    expect(estimate.time.lowMs).toBeGreaterThanOrEqual(3_600_000);
    expect(estimate.time.limitedBy).toBe('rate');
    expect(estimate.text).toMatch(/cannot finish in less than 1 h/);
    expect(estimate.text).toMatch(/no history yet/);
  });

  it('is bound by concurrency when the limit is not what holds it back, and counts sessions as submissions', () => {
    const estimate = estimateBatch({
      rows: 20,
      concurrency: 2,
      mode: 'oneshot',
      rowsPerSession: 1,
      history: { costs: [0.01, 0.02, 0.03], durationsMs: [60_000, 60_000, 120_000] },
      rateLimit: { max: 10, windowMs: 60_000 },
    });
    expect(estimate.time.limitedBy).toBe('concurrency');
    expect(estimate.time.lowMs).toBe(10 * 60_000);
    expect(estimate.cost.median).toBeCloseTo(0.02);
    expect(estimate.cost.totalHigh).toBeCloseTo(0.028 * 20);
    expect(
      estimateBatch({
        rows: 20,
        concurrency: 2,
        mode: 'session',
        rowsPerSession: 5,
        history,
        rateLimit: null,
      }).submissions,
    ).toBe(24);
  });

  it('keeps the ETA above the limit for rows not yet sent', () => {
    expect(rateFloorMs(100, { max: 10, windowMs: 60_000 })).toBe(600_000);
    expect(
      etaMs({
        finished: 50,
        remaining: 100,
        unsent: 100,
        elapsedMs: 10_000,
        concurrency: 10,
        rateLimit: { max: 10, windowMs: 60_000 },
      }),
    ).toBe(600_000);
    expect(
      etaMs({
        finished: 0,
        remaining: 3,
        unsent: 3,
        elapsedMs: 10_000,
        concurrency: 10,
        rateLimit: null,
      }),
    ).toBeNull();
  });
});
