// Browser mode against a hostile WebRun (test/helpers/hostile-webrun.ts, payloads one a line in
// test/fixtures/hostile/payloads.jsonl): every view that shows its answers is visited, and no
// script runs (no dialog, no global flag, no script CSP violation), no dangerous link is
// clickable, the result shows no form or control, the Files tab links only the backend's own
// files, and the built page carries the CSP meta from the policy module.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { metaContentSecurityPolicy } from '../../src-main/core/content-security-policy';
import { startHostileWebRun, type HostileWebRun } from '../helpers/hostile-webrun';
import { expect, test } from './fixture';
import { compose, detail, taskStatus } from './helpers';

const KEY = 'wr_hostile_e2e_key_0123456789';
let hostile: HostileWebRun;
test.beforeAll(async () => {
  hostile = await startHostileWebRun();
});
test.afterAll(async () => {
  await hostile?.close();
});
// The app talks to the hostile WebRun with a key (read when the first test needs the app, after
// the hostile server started).
test.use({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
  serveEnv: async ({}, use) => use({ WEBRUN_API_KEY: KEY, WEBRUN_BASE_URL: hostile.url }),
});

interface Watch {
  dialogs: string[];
}

/** What the page's global scope holds for these checks (the node project has no DOM types). */
interface PageGlobals {
  __pwned?: unknown;
  __csp: { directive: string; blocked: string }[];
  document: {
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (e: { effectiveDirective: string; blockedURI: string }) => void,
    ): void;
  };
}

/** Dialogs, the payloads' global flag and CSP violations, watched from before the page loads. */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { dialogs: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    // Runs in the page; the node project's types have no DOM, hence the cast.
    const g = globalThis as unknown as PageGlobals;
    g.__csp = [];
    g.document.addEventListener('securitypolicyviolation', (e) =>
      g.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
  });
  return w;
}

async function expectNoScriptRan(page: Page, w: Watch): Promise<void> {
  expect(w.dialogs).toEqual([]);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).toBe(undefined);
  const violations = await page.evaluate(() => (globalThis as unknown as PageGlobals).__csp);
  expect(violations.filter((v) => v.directive.startsWith('script-src'))).toEqual([]);
}

/** Every link on the page: http(s) only, no credentials, and none into the app's own paths. */
async function expectNoDangerousLink(page: Page, appOrigin: string): Promise<void> {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
  const dangerous = hrefs.filter((href) => {
    const u = new URL(href);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return true;
    if (u.username || u.password) return true;
    // Our own links are hash routes on the app's page; a path there (/api/...) came from a page.
    return u.origin === appOrigin && u.pathname !== '/';
  });
  expect(dangerous).toEqual([]);
  // No frame but the app's own live view; no form control in any rendered answer.
  expect(await page.locator('.markdown iframe, .markdown object, .markdown embed').count()).toBe(0);
}

test('the built page carries the CSP meta, equal to the policy module', () => {
  const html = readFileSync(join(import.meta.dirname, '../../out/renderer/index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta?.[1]).toBe(metaContentSecurityPolicy());
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
});

test('a hostile result, file list and network log run no script and link nowhere dangerous', async ({
  app,
  page,
}) => {
  const w = await watch(page);
  await page.goto(app.url);
  const appOrigin = new URL(app.url).origin;
  await expect(
    page.locator('meta[http-equiv="Content-Security-Policy"]'),
    'the served page keeps its meta policy',
  ).toHaveCount(1);
  await compose(page, 'Read the page');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 20_000 });

  // Result: the words are there, the forms, controls and dangerous links are not.
  const result = detail(page).locator('.markdown[aria-label="Result"]');
  await expect(result).toContainText('Sign in to WebRun');
  await expect(result).toContainText('markdown js link');
  expect(await result.locator('form, input, button, select, textarea, option').count()).toBe(0);
  await expectNoDangerousLink(page, appOrigin);

  for (const tab of ['Live', 'Network', 'Events', 'Files']) {
    await detail(page).getByRole('tab', { name: tab }).click();
    await expect(detail(page).getByRole('tab', { name: tab })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expectNoDangerousLink(page, appOrigin);
  }

  // Files (the tab left open): WebRun's link is a link only for files on the backend's origin.
  const files = detail(page).getByRole('table', { name: 'Files' });
  await expect(files.getByRole('row')).toHaveCount(hostile.files.length + 1);
  const links = await files
    .getByRole('link', { name: /^Source of / })
    .evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
  const expected = hostile.files
    .filter((f) => f.downloadUrl.startsWith(`${hostile.url}/`))
    .map((f) => f.downloadUrl);
  expect(links.sort()).toEqual(expected.sort());
  await expect(files).toContainText('file:///etc/passwd'); // shown as text, not a link
  await expect(files).toContainText('invoice\ufffdgpj.exe'); // the override made visible

  await expectNoScriptRan(page, w);
});

test('a hostile question and a hostile failure run no script', async ({ app, page }) => {
  const w = await watch(page);
  await page.goto(app.url);
  await compose(page, 'Ask me a question');
  const dialog = page.getByRole('dialog', { name: 'The agent has a question' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByLabel('Question')).toContainText('<script>');
  await expectNoDangerousLink(page, new URL(app.url).origin);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await compose(page, 'This one will fail');
  await expect(taskStatus(page)).toHaveText('Failed', { timeout: 20_000 });
  await expect(detail(page)).toContainText('PAGE_CRASH');
  await expectNoDangerousLink(page, new URL(app.url).origin);
  await expectNoScriptRan(page, w);
});

test('the API key went to the configured origin only', () => {
  const withKey = hostile.requests.filter((r) => r.authorization?.includes(KEY));
  expect(withKey.length).toBeGreaterThan(0);
  expect(withKey.every((r) => r.server === 'webrun')).toBe(true);
  expect(
    hostile.requests.filter((r) => r.server === 'foreign').every((r) => r.authorization === null),
  ).toBe(true);
});
