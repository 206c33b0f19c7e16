// The Electron side of running in the background: when the last window closes, ask the policy;
// while the app stays for its watches, a tray icon reopens the window or quits (through the
// same quit guard as the menu). Thin on purpose: the decisions live in background-policy.ts.
import { Menu, Tray, nativeImage } from 'electron';
import { onLastWindowClosed, trayBitmap } from './background-policy';

export interface BackgroundDeps {
  activeWatches(): number;
  /** Opens (creating if need be) and focuses the window. */
  show(): void;
  quit(): void;
}

export interface Background {
  /** For `window-all-closed`: stay in the tray or quit. */
  lastWindowClosed(): void;
  /** The window is back: the tray icon goes. */
  windowShown(): void;
}

export function backgroundMode(deps: BackgroundDeps): Background {
  let tray: Tray | null = null;
  const drop = (): void => {
    tray?.destroy();
    tray = null;
  };
  return {
    lastWindowClosed() {
      const plan = onLastWindowClosed({
        platform: process.platform,
        activeWatches: deps.activeWatches(),
      });
      if (plan.action === 'quit') return deps.quit();
      if (!plan.tray) return;
      const icon = nativeImage.createFromBitmap(trayBitmap(16), { width: 16, height: 16 });
      if (!tray) {
        tray = new Tray(icon);
        tray.on('click', () => deps.show());
      }
      tray.setToolTip(plan.tooltip);
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Open WebRun Desk', click: () => deps.show() },
          { type: 'separator' },
          { label: 'Quit WebRun Desk', click: () => deps.quit() },
        ]),
      );
    },
    windowShown: drop,
  };
}
