// In-page measurements. Timing starts and ends inside the page (performance.now()), so the
// Playwright round trips are not part of any figure. The node project has no DOM types; the
// little of the DOM used here is declared below (these functions run in Chromium only).
import type { ElementHandle, Page } from '@playwright/test';

interface Node {
  length?: number;
  getAttribute(name: string): string | null;
  scrollTo(x: number, y: number): void;
  scrollHeight: number;
  click(): void;
}
declare const document: {
  querySelector(s: string): Node | null;
  querySelectorAll(s: string): { length: number };
  body: object;
};
declare const window: { __longTasks?: number[] };
declare function requestAnimationFrame(fn: () => void): void;
declare class MutationObserver {
  constructor(fn: () => void);
  observe(target: object, options: object): void;
  disconnect(): void;
}
declare class PerformanceObserver {
  constructor(fn: (list: { getEntries(): { duration: number }[] }) => void);
  observe(options: object): void;
}

/** Clicks `element` and resolves with the ms until `selector` matches and a frame has been painted. */
export async function timeUntil(
  page: Page,
  element: ElementHandle | null,
  selector: string,
): Promise<number> {
  if (!element) throw new Error(`nothing to click before waiting for ${selector}`);
  return page.evaluate(
    ([el, sel]) =>
      new Promise<number>((resolve, reject) => {
        // No named inner functions: tsx would wrap them in a helper the page does not have.
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector(sel)) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        setTimeout(
          () => (observer.disconnect(), reject(new Error(`${sel} did not appear within 20 s`))),
          20_000,
        );
        (el as unknown as Node).click();
      }),
    [element, selector] as const,
  );
}

/** Like timeUntil, also giving the page's clock when the frame was painted (to match with resource timing). */
export async function timeUntilPainted(
  page: Page,
  element: ElementHandle | null,
  selector: string,
): Promise<{ total: number; paintedAt: number }> {
  if (!element) throw new Error(`nothing to click before waiting for ${selector}`);
  return page.evaluate(
    ([el, sel]) =>
      new Promise<{ total: number; paintedAt: number }>((resolve, reject) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector(sel)) {
            observer.disconnect();
            requestAnimationFrame(() =>
              setTimeout(
                () => resolve({ total: performance.now() - t0, paintedAt: performance.now() }),
                0,
              ),
            );
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        setTimeout(
          () => (observer.disconnect(), reject(new Error(`${sel} did not appear within 20 s`))),
          20_000,
        );
        (el as unknown as Node).click();
      }),
    [element, selector] as const,
  );
}

/** When each response from `urlPart` ended, on the page's clock (Chromium reports these a little after the fact). */
export function responseEnds(page: Page, urlPart: string): Promise<number[]> {
  return page.evaluate(
    (part) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes(part))
        .map((e) => (e as unknown as { responseEnd: number }).responseEnd),
    urlPart,
  );
}

/** Resolves after the next painted frame. */
export function afterPaint(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  );
}

/** Scrolls the queue to its end until the last row is number `count`; returns the highest row number seen. */
export async function loadWholeQueue(page: Page, count: number): Promise<number> {
  const deadline = Date.now() + 120_000;
  let last = 0;
  while (Date.now() < deadline) {
    last = await page.evaluate(() => {
      const scroller =
        document.querySelector('[data-testid="queue-scroll"]') ??
        document.querySelector('ul[aria-label="Tasks"]');
      scroller?.scrollTo(0, scroller.scrollHeight);
      const rows = document.querySelectorAll('ul[aria-label="Tasks"] li');
      const lastRow = document.querySelector(`ul[aria-label="Tasks"] li:nth-child(${rows.length})`);
      return Number(lastRow?.getAttribute('aria-setsize') ?? 0);
    });
    if (last >= count) break;
    await page.waitForTimeout(150);
  }
  // Back to the top, where a person would be.
  await page.evaluate(() => document.querySelector('[data-testid="queue-scroll"]')?.scrollTo(0, 0));
  return last;
}

export async function scrollQueue(page: Page, where: 'start' | 'end'): Promise<void> {
  await page.evaluate((end) => {
    const scroller = document.querySelector('[data-testid="queue-scroll"]');
    scroller?.scrollTo(0, end ? scroller.scrollHeight : 0);
  }, where === 'end');
}

/** Durations of the page's tasks.details requests so far. */
export function detailsFetchTimes(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/tasks.details'))
      .map((e) => e.duration),
  );
}

/** The most queue rows present in the DOM at any 100 ms sample during the next `ms`. */
export function sampleMaxRows(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((done) => {
        let max = 0;
        const t = setInterval(
          () =>
            (max = Math.max(max, document.querySelectorAll('ul[aria-label="Tasks"] li').length)),
          100,
        );
        setTimeout(() => (clearInterval(t), done(max)), duration);
      }),
    ms,
  );
}

export function countRows(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('ul[aria-label="Tasks"] li').length);
}

/** Starts collecting long tasks (> 50 ms, the browser's own definition) from now on. */
export async function installLongTaskObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks!.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => window.__longTasks ?? []);
}
