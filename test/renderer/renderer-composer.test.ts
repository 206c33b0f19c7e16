import { describe, expect, it } from 'vitest';
import type { Template } from '../../src-main/contract/index';
import { buildInput, EMPTY_FORM } from '../../src-renderer/features/composer/compose-input';
import { sitesForUrl } from '../../src-renderer/features/composer/credential-sites';
import {
  formFromTemplate,
  templateFromForm,
} from '../../src-renderer/features/composer/template-form';
import { downsample, downsampleIndices } from '../../src-renderer/stores/reduce-samples';

describe('saved credentials picked by the starting URL', () => {
  const sites = ['all', 'example.com', '*.shop.test', 'other.org'];
  it('matches the domain, www. and wildcards, never "all"', () => {
    expect(sitesForUrl('https://www.example.com/login', sites)).toEqual(['example.com']);
    expect(sitesForUrl('https://example.com', sites)).toEqual(['example.com']);
    expect(sitesForUrl('https://a.b.shop.test/x', sites)).toEqual(['*.shop.test']);
    expect(sitesForUrl('https://shop.test', sites)).toEqual(['*.shop.test']);
    expect(sitesForUrl('https://notexample.com', sites)).toEqual([]);
    expect(sitesForUrl('not a url', sites)).toEqual([]);
  });
});

describe('composer input', () => {
  it('sends attachments as options.files and the picked credential sites', () => {
    const built = buildInput({
      ...EMPTY_FORM,
      prompt: 'Log in',
      credentials: ['example.com'],
      attachments: [{ fileId: 'f1', name: 'a.txt', size: 3 }],
    });
    expect(built.ok && built.input.options?.files).toEqual(['f1']);
    expect(built.ok && built.input.credentials).toEqual(['example.com']);
    const plain = buildInput({ ...EMPTY_FORM, prompt: 'x' });
    expect(plain.ok && 'credentials' in plain.input).toBe(false);
  });
});

describe('templates', () => {
  const form = {
    ...EMPTY_FORM,
    prompt: 'Weekly prices',
    startingUrl: 'https://example.com',
    outputType: 'structured_csv' as const,
    csvColumns: 'name, price',
    maxDurationSec: '60',
    tags: 'weekly',
    priority: '2',
    costCap: '1.5',
    credentials: ['example.com'],
    attachments: [{ fileId: 'f1', name: 'a', size: 1 }],
  };

  it('round-trips the composer inputs, without uploaded files', () => {
    const template = templateFromForm(form, ' Weekly ') as Template;
    expect(template).toMatchObject({
      name: 'Weekly',
      prompt: 'Weekly prices',
      startingUrl: 'https://example.com',
      tags: ['weekly'],
      priority: 2,
      costCap: 1.5,
      credentials: ['example.com'],
    });
    expect(template.options).toMatchObject({
      outputType: 'structured_csv',
      outputSchema: ['name', 'price'],
      maxDuration: 60_000,
    });
    expect(template.options.files).toBeUndefined();
    const back = formFromTemplate(template);
    expect(back).toMatchObject({
      prompt: 'Weekly prices',
      csvColumns: 'name, price',
      maxDurationSec: '60',
      tags: 'weekly',
      priority: '2',
      costCap: '1.5',
      credentials: ['example.com'],
      credentialsChosen: true,
      attachments: [],
    });
  });

  it('refuses a nameless template or invalid inputs with a message', () => {
    expect(templateFromForm(form, '  ')).toBe('Name the template.');
    expect(templateFromForm({ ...form, prompt: '' }, 'x')).toContain('prompt is empty');
  });
});

describe('cost chart downsampling', () => {
  const points = Array.from({ length: 2_000 }, (_, i) => ({
    cost: i === 777 ? 1_000 : i,
    tokens: i === 1_234 ? -5 : i * 2,
  }));
  const series = [(p: (typeof points)[number]) => p.cost, (p: (typeof points)[number]) => p.tokens];

  it('keeps at most 500 points, the first and last, and the extremes', () => {
    const kept = downsampleIndices(points, series);
    expect(kept.length).toBeLessThanOrEqual(500);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(1_999);
    expect(kept).toContain(777);
    expect(kept).toContain(1_234);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it('leaves short series alone', () => {
    expect(downsample(points.slice(0, 10), series)).toHaveLength(10);
  });
});
