// Web content is hostile: a comparison whose every text, key path, row, domain, file name and
// question comes from the payload corpus (test/fixtures/hostile/payloads.jsonl) is shown as
// text. The core's answer to runs.compare is replaced in the browser by that comparison, so the
// renderer alone is under test: no script runs, no element but text is made from it, no link.
import { expect, test } from './fixture';
import type { RunComparison } from '../../src-main/contract/watches';
import { loadCorpus, textOf } from '../helpers/hostile-webrun';
import { compose, detail, taskStatus } from './helpers';

const corpus = loadCorpus();
// The corpus's very long texts (a megabyte) are cut: here they would be repeated in every part.
const texts = corpus.filter((p) => p.kind === 'text').map((p) => textOf(p).slice(0, 5000));
const urls = corpus.filter((p) => p.kind === 'url').map(textOf);
const names = corpus.filter((p) => p.kind === 'file').map((p) => p.filename ?? textOf(p));

function hostileComparison(id: string, output: RunComparison['output']): RunComparison {
  const run = { id, status: 'completed', createdAt: Date.now() };
  const delta = { before: 1, after: 2, change: 1 };
  return {
    before: run,
    after: run,
    output,
    cost: delta,
    tokens: delta,
    durationMs: delta,
    steps: delta,
    domains: { added: urls, removed: texts.slice(0, 5) },
    files: { added: names, removed: texts.slice(5, 10) },
    questions: { before: texts.slice(0, 10), after: texts.slice(10) },
    same: false,
  };
}

const OUTPUTS: RunComparison['output'][] = [
  {
    kind: 'keys',
    changes: texts.map((t, i) => ({ path: t, kind: 'changed', before: { html: t }, after: t + i })),
  },
  {
    kind: 'rows',
    columns: { added: texts.slice(0, 3), removed: texts.slice(3, 6) },
    added: texts.map((t) => ({ [t]: t })),
    removed: urls.map((u) => ({ url: u })),
    unchanged: 0,
  },
  {
    kind: 'words',
    changed: true,
    parts: texts.map((t, i) => ({
      kind: (['same', 'added', 'removed'] as const)[i % 3]!,
      text: t,
    })),
  },
  { kind: 'unreadable', reason: texts.join(' ') },
];

test('a hostile comparison is text only: no script, no link, no element made from it', async ({
  app,
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  let output = OUTPUTS[0]!;
  await page.route('**/api/runs.compare', async (route) => {
    const { before } = route.request().postDataJSON() as { before: string };
    await route.fulfill({ json: { ok: true, value: hostileComparison(before, output) } });
  });
  await page.goto(app.url);
  await compose(page, 'Find the opening hours of the Louvre');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 20_000 });
  const compare = page.getByRole('dialog', { name: 'Compare runs' });
  for (const next of OUTPUTS) {
    output = next;
    await detail(page).getByRole('button', { name: 'Compare with previous run' }).click();
    await expect(compare).toContainText('These runs differ.');
    await expect(compare).toContainText(next.kind === 'rows' ? urls[0]! : texts[1]!);
    // Only our own controls: the two "Open run" buttons, Close, and the sides' regions.
    expect(
      await compare
        .locator('a, img, svg, iframe, object, embed, form, input, script, style')
        .count(),
    ).toBe(0);
    expect(await compare.getByRole('button').count()).toBe(3);
    await page.keyboard.press('Escape');
    await expect(compare).toBeHidden();
  }
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
});
