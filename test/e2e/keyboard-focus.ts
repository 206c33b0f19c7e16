// Keyboard walks, written once: what has the focus and whether a person can see it (a
// :focus-visible outline or shadow), and Tab until a control is reached, checking at every stop.
import { expect, type Locator, type Page } from '@playwright/test';

interface FocusRing {
  tag: string;
  label: string;
  focusVisible: boolean;
  ring: boolean;
}

/** What has the focus, and whether a person can see it (runs in the page; no DOM types here). */
async function focusRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: {
        activeElement: {
          tagName: string;
          textContent: string | null;
          getAttribute(n: string): string | null;
          matches(s: string): boolean;
        } | null;
        body: unknown;
      };
      getComputedStyle(e: unknown): {
        outlineStyle: string;
        outlineWidth: string;
        boxShadow: string;
      };
    };
    const el = g.document.activeElement;
    if (!el || el === g.document.body) return null;
    const style = g.getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      label: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      focusVisible: el.matches(':focus-visible'),
      ring:
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none',
    };
  });
}

export async function expectVisibleFocus(page: Page, where: string): Promise<void> {
  const ring = await focusRing(page);
  expect(ring, `focus lost to the page at ${where}`).not.toBeNull();
  expect(
    ring!.focusVisible && ring!.ring,
    `no visible focus on ${JSON.stringify(ring)} at ${where}`,
  ).toBe(true);
}

/** Tab (or Shift+Tab) until `target` has the focus, checking the ring at every stop. */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab', max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    await expectVisibleFocus(page, `${key} #${i + 1}`);
    if (
      await target.evaluate(
        (el) =>
          el ===
          (globalThis as unknown as { document: { activeElement: unknown } }).document
            .activeElement,
      )
    )
      return;
  }
  throw new Error(`${key} never reached the target in ${max} presses`);
}
