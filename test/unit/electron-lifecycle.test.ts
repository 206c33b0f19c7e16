// The Electron host's lifecycle (single instance, quitting, window state, menu), tested with
// fakes of the Electron objects it touches.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  attachQuitGuard,
  claimSingleInstance,
  loadWindowState,
  menuTemplate,
  type AppLike,
} from '../../src-main/electron/lifecycle';
import { tempDir } from '../helpers/temp';

// vi.waitFor gives up after 1 s by default: a safety net too short for a loaded 2-core machine.
const WAIT = { timeout: 30_000 };

function fakeApp(lock = true) {
  const listeners = new Map<string, (event?: { preventDefault(): void }) => void>();
  const quit = vi.fn<() => void>();
  const app = {
    requestSingleInstanceLock: () => lock,
    on: ((name: string, l: (event?: { preventDefault(): void }) => void) =>
      listeners.set(name, l)) as AppLike['on'],
    quit,
    exit: vi.fn<(code?: number) => void>(),
  } satisfies AppLike;
  const beforeQuit = (): boolean => {
    let prevented = false;
    listeners.get('before-quit')!({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { app, listeners, beforeQuit };
}

describe('lifecycle', () => {
  it('lets a second launch focus the first window and quit itself', () => {
    const first = fakeApp(true);
    const focus = vi.fn();
    expect(claimSingleInstance(first.app, focus)).toBe(true);
    first.listeners.get('second-instance')!();
    expect(focus).toHaveBeenCalledOnce();
    const second = fakeApp(false);
    expect(claimSingleInstance(second.app, vi.fn())).toBe(false);
    expect(second.app.quit).toHaveBeenCalledOnce();
  });

  it('asks before quitting with tasks running, and stays when the user cancels', async () => {
    const { app, beforeQuit } = fakeApp();
    const confirm = vi.fn(async () => false);
    const shutdown = vi.fn(async () => {});
    attachQuitGuard(app, { runningCount: () => 2, confirm, shutdown });
    expect(beforeQuit()).toBe(true);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledWith(2), WAIT);
    expect(shutdown).not.toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('shuts down cleanly, then quits, when the user confirms', async () => {
    const { app, beforeQuit } = fakeApp();
    const shutdown = vi.fn(async () => {});
    attachQuitGuard(app, { runningCount: () => 1, confirm: async () => true, shutdown });
    beforeQuit();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce(), WAIT);
    expect(shutdown).toHaveBeenCalledOnce();
    expect(beforeQuit()).toBe(false); // the second quit goes through
  });

  it('quits through the same clean shutdown on SIGINT (Ctrl+C on npm start), without a dialog', async () => {
    const { app, beforeQuit } = fakeApp();
    const signals = new EventEmitter();
    const confirm = vi.fn(async () => false);
    const shutdown = vi.fn(async () => {});
    app.quit.mockImplementation(() => void beforeQuit());
    attachQuitGuard(app, { runningCount: () => 2, confirm, shutdown, signals });
    signals.emit('SIGINT');
    signals.emit('SIGINT'); // the terminal's and npm's: one shutdown
    await vi.waitFor(() => expect(shutdown).toHaveBeenCalledOnce(), WAIT);
    expect(confirm).not.toHaveBeenCalled();
    expect(signals.listenerCount('SIGINT')).toBe(1);
    expect(signals.listenerCount('SIGTERM')).toBe(1);
  });

  it("drains before the shutdown (WebRun's answers to what is being sent), and a second quit ends the wait", async () => {
    const { app, beforeQuit } = fakeApp();
    let skipped: AbortSignal | null = null;
    let answered: () => void = () => {};
    const drain = vi.fn(
      (skip: AbortSignal) =>
        new Promise<void>((resolve) => {
          skipped = skip;
          answered = resolve;
          skip.addEventListener('abort', () => resolve());
        }),
    );
    const shutdown = vi.fn(async () => {});
    attachQuitGuard(app, { runningCount: () => 0, confirm: vi.fn(), drain, shutdown });
    beforeQuit();
    await vi.waitFor(() => expect(drain).toHaveBeenCalledOnce(), WAIT);
    expect(shutdown).not.toHaveBeenCalled(); // nothing closes while WebRun may still answer
    expect(beforeQuit()).toBe(true); // the person quits again: the wait ends, the quit goes on
    expect(skipped!.aborted).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce(), WAIT);
    expect(shutdown).toHaveBeenCalledOnce();
    answered();
  });

  it('takes a Ctrl+C passed on again by npm as the same press, and a later one as the second', async () => {
    let now = 0;
    const { app, beforeQuit } = fakeApp();
    const signals = new EventEmitter();
    app.quit.mockImplementation(() => void beforeQuit());
    let skip: AbortSignal | null = null;
    const drain = vi.fn((signal: AbortSignal) => {
      skip = signal;
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    });
    attachQuitGuard(app, {
      runningCount: () => 1,
      confirm: vi.fn(),
      drain,
      shutdown: async () => {},
      signals,
      now: () => now,
    });
    signals.emit('SIGINT');
    await vi.waitFor(() => expect(drain).toHaveBeenCalledOnce(), WAIT);
    now += 10;
    signals.emit('SIGINT'); // the same press, from npm
    expect(skip!.aborted).toBe(false);
    now += 2_000;
    signals.emit('SIGINT'); // the person's second press
    expect(skip!.aborted).toBe(true);
  });

  it('never lets a hanging shutdown block the quit', async () => {
    vi.useFakeTimers();
    const { app, beforeQuit } = fakeApp();
    attachQuitGuard(app, {
      runningCount: () => 0,
      confirm: vi.fn(),
      shutdown: () => new Promise(() => {}),
      timeoutMs: 5_000,
    });
    beforeQuit();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quit).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });

  it('restores the window where it was, unless that monitor is gone', () => {
    const t = tempDir();
    const path = join(t.dir, 'window-state.json');
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    writeFileSync(path, JSON.stringify({ x: 100, y: 80, width: 1200, height: 800 }));
    expect(loadWindowState(path, screen)).toEqual({ x: 100, y: 80, width: 1200, height: 800 });
    writeFileSync(path, JSON.stringify({ x: 3000, y: 80, width: 1200, height: 800 }));
    expect(loadWindowState(path, screen)).toEqual({
      width: 1200,
      height: 800,
      maximized: undefined,
    });
    writeFileSync(path, 'garbage');
    expect(loadWindowState(path, screen)).toEqual({ width: 1280, height: 820 });
    t.cleanup();
  });

  it('offers the shortcuts in the menu', () => {
    const send = vi.fn();
    const items = menuTemplate('linux', send, false).flatMap((m) => m.submenu ?? []);
    const newTask = items.find((i) => i.label === 'New Task')!;
    expect(newTask.accelerator).toBe('CmdOrCtrl+N');
    newTask.click!();
    expect(send).toHaveBeenCalledWith('new-task');
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});
