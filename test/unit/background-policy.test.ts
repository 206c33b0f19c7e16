import { describe, expect, it } from 'vitest';
import { onLastWindowClosed, trayBitmap } from '../../src-main/electron/background-policy';

describe('closing the last window', () => {
  it('keeps the app in the tray while a watch is active, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(onLastWindowClosed({ platform, activeWatches: 2 })).toEqual({
        action: 'stay',
        tray: true,
        tooltip: 'WebRun Desk: 2 watches running in the background',
      });
    }
    expect(onLastWindowClosed({ platform: 'linux', activeWatches: 1 })).toMatchObject({
      tooltip: 'WebRun Desk: 1 watch running in the background',
    });
  });

  it('quits with no active watch on Linux and Windows, and stays without a tray on macOS', () => {
    expect(onLastWindowClosed({ platform: 'linux', activeWatches: 0 })).toEqual({
      action: 'quit',
    });
    expect(onLastWindowClosed({ platform: 'win32', activeWatches: 0 })).toEqual({
      action: 'quit',
    });
    expect(onLastWindowClosed({ platform: 'darwin', activeWatches: 0 })).toEqual({
      action: 'stay',
      tray: false,
      tooltip: '',
    });
  });
});

describe('the tray icon', () => {
  it('is a 16×16 BGRA bitmap with a visible ring and a transparent corner', () => {
    const bitmap = trayBitmap(16);
    expect(bitmap.length).toBe(16 * 16 * 4);
    const alpha = (x: number, y: number) => bitmap[(y * 16 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(0, 8)).toBe(0xff); // the ring's left edge
    expect(alpha(8, 8)).toBe(0xff); // the dot in the middle
    expect(alpha(5, 8)).toBe(0); // the gap between them
  });
});
