// The desktop app with its window closed: it keeps running (a tray icon, the dock on macOS)
// while any watch is active, quits for real when none is or when Quit is chosen, and the
// window comes back from the tray. Electron-free: the keeper is driven with fakes.
import { describe, expect, it } from 'vitest';
import {
  backgroundAction,
  BackgroundKeeper,
  trayMenu,
  type TrayLike,
} from '../../src-main/electron/background';
import type { MenuItemTemplate } from '../../src-main/electron/lifecycle';

describe('backgroundAction', () => {
  it('keeps running without a window only while a watch is active (macOS stays anyway)', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(backgroundAction({ platform, activeWatches: 2, windowOpen: true })).toBe('stay');
      expect(backgroundAction({ platform, activeWatches: 1, windowOpen: false })).toBe(
        'background',
      );
    }
    expect(backgroundAction({ platform: 'linux', activeWatches: 0, windowOpen: false })).toBe(
      'quit',
    );
    expect(backgroundAction({ platform: 'win32', activeWatches: 0, windowOpen: false })).toBe(
      'quit',
    );
    expect(backgroundAction({ platform: 'darwin', activeWatches: 0, windowOpen: false })).toBe(
      'stay',
    );
  });
});

function fakeApp(platform: NodeJS.Platform, active: number) {
  const state = {
    active,
    windowOpen: true,
    quits: 0,
    opens: 0,
    notices: [] as string[],
    trays: [] as { tooltip: string; menu: MenuItemTemplate[]; click?: () => void; gone: boolean }[],
  };
  const keeper = new BackgroundKeeper({
    platform,
    activeWatches: () => state.active,
    windowOpen: () => state.windowOpen,
    createTray: (): TrayLike => {
      const tray = {
        tooltip: '',
        menu: [] as MenuItemTemplate[],
        click: undefined as (() => void) | undefined,
        gone: false,
      };
      state.trays.push(tray);
      return {
        setToolTip: (t) => (tray.tooltip = t),
        setContextMenu: (m) => (tray.menu = m),
        onClick: (l) => (tray.click = l),
        destroy: () => (tray.gone = true),
      };
    },
    openWindow: () => {
      state.opens += 1;
      state.windowOpen = true;
      keeper.windowOpened();
    },
    quit: () => (state.quits += 1),
    notify: (title, body) => state.notices.push(`${title}: ${body}`),
  });
  return { state, keeper };
}

describe('the background keeper', () => {
  it('closing the window with watches active keeps the app, with a tray that reopens it', () => {
    const { state, keeper } = fakeApp('linux', 2);
    state.windowOpen = false;
    keeper.allWindowsClosed();
    expect(state.quits).toBe(0);
    expect(state.trays).toHaveLength(1);
    expect(state.trays[0]!.tooltip).toBe('WebRun Desk: 2 watches running');
    expect(state.notices).toEqual([
      'WebRun Desk keeps running: 2 watches are active, so the app runs in the background. Open it or quit from the tray icon.',
    ]);
    state.trays[0]!.click!();
    expect(state.opens).toBe(1);
    expect(state.trays[0]!.gone).toBe(true);
    // Closed again: a new tray, and no second notice.
    state.windowOpen = false;
    keeper.allWindowsClosed();
    expect(state.trays).toHaveLength(2);
    expect(state.notices).toHaveLength(1);
  });

  it('quits for real once the last active watch is paused while the window is closed', () => {
    const { state, keeper } = fakeApp('win32', 1);
    state.windowOpen = false;
    keeper.allWindowsClosed();
    state.active = 0;
    keeper.watchesChanged();
    expect(state.quits).toBe(1);
    expect(state.trays[0]!.gone).toBe(true);
  });

  it('a watch change with the window open changes nothing; Quit in the tray quits', () => {
    const { state, keeper } = fakeApp('linux', 1);
    keeper.watchesChanged();
    expect(state.trays).toHaveLength(0);
    expect(state.quits).toBe(0);
    state.windowOpen = false;
    keeper.allWindowsClosed();
    const quit = state.trays[0]!.menu.find((m) => m.label === 'Quit WebRun Desk')!;
    quit.click!();
    expect(state.quits).toBe(1);
  });

  it('with nothing active, closing quits (Linux, Windows) or idles in the dock (macOS)', () => {
    const linux = fakeApp('linux', 0);
    linux.state.windowOpen = false;
    linux.keeper.allWindowsClosed();
    expect(linux.state.quits).toBe(1);
    const mac = fakeApp('darwin', 0);
    mac.state.windowOpen = false;
    mac.keeper.allWindowsClosed();
    expect(mac.state.quits).toBe(0);
    expect(mac.state.trays).toHaveLength(0);
  });

  it('works without a tray (a desktop without one): the app stays, the notice says so', () => {
    const { state, keeper } = fakeApp('linux', 1);
    const bare = new BackgroundKeeper({
      platform: 'linux',
      activeWatches: () => 1,
      windowOpen: () => false,
      createTray: () => null,
      openWindow: () => {},
      quit: () => (state.quits += 1),
      notify: (t) => state.notices.push(t),
    });
    bare.allWindowsClosed();
    expect(state.quits).toBe(0);
    expect(state.notices).toEqual(['WebRun Desk keeps running']);
    void keeper;
  });
});

describe('trayMenu', () => {
  it('says what runs, and offers Open and Quit', () => {
    const menu = trayMenu(1, { open: () => {}, quit: () => {} });
    expect(menu.map((m) => m.label ?? m.type)).toEqual([
      'Running 1 watch in the background',
      'separator',
      'Open WebRun Desk',
      'Quit WebRun Desk',
    ]);
    expect(menu[0]!.enabled).toBe(false);
  });
});
