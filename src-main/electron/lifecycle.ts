// The desktop app's life: one instance, a remembered window, a quit that asks before leaving
// tasks running (they keep running at WebRun and are picked up at the next start), and a
// bounded shutdown that closes the database cleanly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppCommand } from '../contract/schemas';
import { timers } from '../contract/timers';
import { pressCounter } from '../core/runner/drain';

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
  exit(code?: number): void;
}

/** Returns false (and quits) when another instance already runs; that one is focused instead. */
export function claimSingleInstance(app: AppLike, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focusExisting);
  return true;
}

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 820 };

/** The last window bounds, if they still fit on one of the displays' work areas. */
export function loadWindowState(
  path: string,
  workAreas: { x: number; y: number; width: number; height: number }[],
): Bounds {
  if (!existsSync(path)) return DEFAULT_BOUNDS;
  try {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Bounds;
    const sane =
      Number.isFinite(saved.width) &&
      Number.isFinite(saved.height) &&
      saved.width >= 400 &&
      saved.height >= 300;
    if (!sane) return DEFAULT_BOUNDS;
    if (saved.x === undefined || saved.y === undefined)
      return { width: saved.width, height: saved.height, maximized: saved.maximized };
    // A window restored onto a monitor that is gone would be invisible: keep its size only.
    const visible = workAreas.some(
      (a) =>
        saved.x! < a.x + a.width - 50 &&
        saved.x! + saved.width > a.x + 50 &&
        saved.y! >= a.y - 10 &&
        saved.y! < a.y + a.height - 50,
    );
    return visible
      ? saved
      : { width: saved.width, height: saved.height, maximized: saved.maximized };
  } catch {
    return DEFAULT_BOUNDS;
  }
}

export function saveWindowState(path: string, bounds: Bounds): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(bounds));
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}

export interface QuitGuardDeps {
  /** Tasks WebRun is still working on. */
  runningCount(): number;
  /** Asks the user; true means quit anyway. */
  confirm(running: number): Promise<boolean>;
  /**
   * Waits, bounded, for WebRun's answers to the tasks being submitted (the desk's drain,
   * core/runner/drain.ts) before the shutdown; a second quit or Ctrl+C aborts `skip`.
   */
  drain?(skip: AbortSignal): Promise<unknown>;
  /** Stops timers and closes the database; must not hang the quit. */
  shutdown(): Promise<void>;
  timeoutMs?: number;
  /**
   * Where SIGINT and SIGTERM arrive (the process): Ctrl+C in the terminal that ran `npm start`
   * quits through the same bounded shutdown, without a dialog nobody at the terminal can see.
   * Without a handler, Node's default ended the app at once and the next start reported an
   * unclean shutdown.
   */
  signals?: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  now?: () => number;
}

/**
 * Quitting with tasks running asks first. Then the desk drains (a second quit skips the wait),
 * and the shutdown is bounded: whatever is not done within the timeout is abandoned
 * (better-sqlite3 writes are synchronous, so the database is never left mid-write by an exit
 * between them).
 */
export function attachQuitGuard(app: AppLike, deps: QuitGuardDeps): void {
  let state: 'running' | 'asking' | 'draining' | 'closing' | 'closed' = 'running';
  let bySignal = false;
  const skip = new AbortController();
  const presses = pressCounter(deps.now);
  let handled = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    deps.signals?.on(signal, () => {
      const press = presses();
      if (press === handled) return; // one Ctrl+C passed on again by npm and start.mjs
      handled = press;
      bySignal = true;
      app.quit();
    });
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'draining') skip.abort();
    if (state !== 'running') return;
    const running = deps.runningCount();
    state = 'asking';
    void (async () => {
      // Tasks keep running at WebRun either way; a signal has nobody to answer a dialog.
      if (running > 0 && !bySignal && !(await deps.confirm(running))) {
        state = 'running';
        return;
      }
      state = 'draining';
      await deps.drain?.(skip.signal).catch(() => {});
      state = 'closing';
      const timeout = new Promise<void>((resolve) =>
        timers.setTimeout(resolve, deps.timeoutMs ?? 5_000),
      );
      await Promise.race([deps.shutdown().catch(() => {}), timeout]);
      state = 'closed';
      app.quit();
    })();
  });
}

export type MenuCommand = AppCommand;

export interface MenuItemTemplate {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: 'separator';
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

/** The app menu: the same shortcuts as the renderer's, so they work from the menu bar too. */
export function menuTemplate(
  platform: NodeJS.Platform,
  send: (command: MenuCommand) => void,
  dev: boolean,
): MenuItemTemplate[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Task', accelerator: 'CmdOrCtrl+N', click: () => send('new-task') },
        { label: 'Search History', accelerator: 'CmdOrCtrl+F', click: () => send('search') },
        { label: 'Questions Waiting', accelerator: 'CmdOrCtrl+I', click: () => send('inbox') },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => send('settings') },
        { type: 'separator' },
        { role: mac ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(dev
          ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' as const }]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'Shift+?', click: () => send('shortcuts') },
      ],
    },
  ];
}
