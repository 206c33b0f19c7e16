// axe-core as issue 25 holds every view to it: no critical, serious or moderate violation, in
// light and dark, at 1024×640 and 1400×900, with a screenshot of each for a person to look at.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SIZES = [
  [1024, 640],
  [1400, 900],
] as const;

/** Violations at the levels the issue forbids, as short lines a failure can show. */
export async function audit(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => ['critical', 'serious', 'moderate'].includes(v.impact ?? ''))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Audits the page as it is in both themes and sizes, with a screenshot of each. */
export async function auditEverywhere(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/screenshots/axe-${name}-${width}x${height}-${theme}.png`,
      });
      for (const line of await audit(page)) found.push(`[${name} ${theme} ${width}] ${line}`);
    }
  }
  await setTheme(page, 'light');
  return found;
}
