// What the app does when the user closes its last window. Watches run while the app runs,
// "window open or not" (issue 27): closing the window while a watch is active keeps the app in
// the background with a tray icon, so the next run still happens; with nothing to keep, it quits
// as before (macOS keeps apps without windows, as its users expect). A Quit (menu, tray, Cmd+Q)
// never reaches this: Electron does not emit window-all-closed for app.quit(). Electron-free so
// every rule is tested.

export interface CloseFacts {
  platform: NodeJS.Platform;
  /** Watches that would run on their own (not paused by the user or a budget cap). */
  activeWatches: number;
}

export type ClosePlan = { action: 'quit' } | { action: 'stay'; tray: boolean; tooltip: string };

export function onLastWindowClosed(facts: CloseFacts): ClosePlan {
  if (facts.activeWatches > 0) {
    const n = facts.activeWatches;
    return {
      action: 'stay',
      tray: true,
      tooltip: `WebRun Desk: ${n} watch${n === 1 ? '' : 'es'} running in the background`,
    };
  }
  if (facts.platform === 'darwin') return { action: 'stay', tray: false, tooltip: '' };
  return { action: 'quit' };
}

/**
 * The tray icon, drawn rather than shipped: a 16×16 ring in BGRA (Electron's bitmap order), dark
 * grey so it reads on light and dark bars alike. Twelve lines instead of a binary asset.
 */
export function trayBitmap(size = 16): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - centre, y - centre);
      const on = (r <= size / 2 && r >= size / 2 - 2.5) || r <= 2;
      const i = (y * size + x) * 4;
      pixels.set(on ? [0x50, 0x50, 0x50, 0xff] : [0, 0, 0, 0], i);
    }
  }
  return pixels;
}
