// The desktop app in the background: watches run while the app runs, "the window may be
// closed". So closing the last window keeps the app alive, with a tray icon (and the dock on
// macOS), while any watch is active; it quits for real when no watch is active any more (and
// the window is closed) or when the person chooses Quit. The window comes back from the tray,
// the dock, a notification or a second launch. Decisions are pure and Electron-free (tested
// in test/unit/background.test.ts); main.ts only carries them out.
import type { MenuItemTemplate } from './lifecycle';

export interface BackgroundFacts {
  platform: NodeJS.Platform;
  /** Watches in the active state (paused ones do not run). */
  activeWatches: number;
  windowOpen: boolean;
}

/**
 * What to do now: keep the window's life as it is ('stay'), keep running without a window
 * ('background', with a tray icon), or quit. macOS apps stay in the dock without windows by
 * convention, so there an idle app stays too, without a tray icon.
 */
export function backgroundAction(f: BackgroundFacts): 'stay' | 'background' | 'quit' {
  if (f.windowOpen) return 'stay';
  if (f.activeWatches > 0) return 'background';
  return f.platform === 'darwin' ? 'stay' : 'quit';
}

export function watchesWord(n: number): string {
  return `${n} watch${n === 1 ? '' : 'es'}`;
}

/** The tray's menu: what runs, how to get the window back, and a real Quit. */
export function trayMenu(
  activeWatches: number,
  actions: { open(): void; quit(): void },
): MenuItemTemplate[] {
  return [
    { label: `Running ${watchesWord(activeWatches)} in the background`, enabled: false },
    { type: 'separator' },
    { label: 'Open WebRun Desk', click: actions.open },
    { label: 'Quit WebRun Desk', click: actions.quit },
  ];
}

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: MenuItemTemplate[]): void;
  onClick(listener: () => void): void;
  destroy(): void;
}

export interface KeeperDeps {
  platform: NodeJS.Platform;
  activeWatches(): number;
  windowOpen(): boolean;
  /** null when the platform has no tray (some Linux desktops); the dock or a relaunch then. */
  createTray(): TrayLike | null;
  openWindow(): void;
  quit(): void;
  notify(title: string, body: string): void;
}

/** Carries out backgroundAction as windows close and watches change. */
export class BackgroundKeeper {
  private tray: TrayLike | null = null;
  private told = false;

  constructor(private readonly d: KeeperDeps) {}

  /** The last window closed. */
  allWindowsClosed(): void {
    this.apply();
  }

  /** A watch was added, paused, resumed or deleted (here or in another process). */
  watchesChanged(): void {
    this.apply();
  }

  /** A window is open again: the tray icon goes (the window is the app). */
  windowOpened(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private apply(): void {
    const active = this.d.activeWatches();
    const action = backgroundAction({
      platform: this.d.platform,
      activeWatches: active,
      windowOpen: this.d.windowOpen(),
    });
    if (action === 'quit') {
      this.windowOpened(); // the tray goes with the app
      this.d.quit();
      return;
    }
    if (action === 'stay') {
      if (!this.d.windowOpen()) this.windowOpened(); // macOS idle: the dock is enough
      return;
    }
    if (!this.tray) {
      this.tray = this.d.createTray();
      this.tray?.onClick(() => this.d.openWindow());
    }
    this.tray?.setToolTip(`WebRun Desk: ${watchesWord(active)} running`);
    this.tray?.setContextMenu(
      trayMenu(active, { open: () => this.d.openWindow(), quit: () => this.d.quit() }),
    );
    if (!this.told) {
      // Once per run of the app: closing the window did not quit it, and here is why.
      this.told = true;
      this.d.notify(
        'WebRun Desk keeps running',
        `${watchesWord(active)} ${active === 1 ? 'is' : 'are'} active, so the app runs in the background. Open it or quit from the ${this.d.platform === 'darwin' ? 'menu bar or the dock' : 'tray icon'}.`,
      );
    }
  }
}
