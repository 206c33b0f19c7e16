// The Electron host's decisions about hostile links and files, as pure functions: where a URL
// opens (app window, system browser, nowhere) and whether a downloaded file opens or is shown
// in its folder with a warning; and the live view's session gets the app's permission refusals.
import { describe, expect, it, vi } from 'vitest';
import { fileOpenDecision } from '../../src-main/electron/file-open-policy';
import { linkTarget, liveViewOrigins, sameOriginAs } from '../../src-main/electron/link-policy';
import {
  createLiveViewWindow,
  hardenLiveViewSession,
  makeAppUrlCheck,
} from '../../src-main/electron/window-security';

const LIVE = liveViewOrigins([
  'https://abc123.webrun.ai/stream?x=1',
  'https://74.235.190.31:8889/a1b2',
  null,
]);

describe('linkTarget', () => {
  it('reads live-view origins by URL parsing, ignoring what is not http(s)', () => {
    expect(LIVE).toEqual(['https://abc123.webrun.ai', 'https://74.235.190.31:8889']);
    expect(liveViewOrigins(['javascript:alert(1)', 'not a url', ''])).toEqual([]);
  });

  it.each([
    // only the live view's exact origin opens in the app
    ['https://abc123.webrun.ai/', 'app'],
    ['https://abc123.webrun.ai/other/path?q=1', 'app'],
    ['https://74.235.190.31:8889/a1b2', 'app'],
    ['HTTPS://ABC123.WEBRUN.AI/x', 'app'],
    // prefix and look-alike matches are pages like any other: the system browser
    ['https://abc123.webrun.ai.evil.example/', 'external'],
    ['https://abc123.webrun.ai:444/', 'external'],
    ['http://abc123.webrun.ai/', 'external'],
    ['https://74.235.190.31:8890/a1b2', 'external'],
    ['https://docs.webrun.ai/getting-started', 'external'],
    ['https://evil.example/login', 'external'],
    ['http://example.com/page', 'external'],
    // no other scheme leaves the app, nor a URL with credentials in it
    ['https://abc123.webrun.ai@evil.example/', 'refuse'],
    ['https://user:pw@example.com/', 'refuse'],
    ['file:///etc/passwd', 'refuse'],
    ['file://attacker.example/share/setup.exe', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['data:text/html,<script>alert(1)</script>', 'refuse'],
    ['vbscript:msgbox(1)', 'refuse'],
    ['ms-msdt:/id PCWDiagnostic', 'refuse'],
    ['smb://attacker.example/share', 'refuse'],
    ['//evil.example/x', 'refuse'],
    ['/relative/path', 'refuse'],
    ['', 'refuse'],
  ])('%s → %s', (url, target) => {
    expect(linkTarget(url, LIVE)).toBe(target);
  });

  it('keeps the live-view window within its exact origin', () => {
    const inside = sameOriginAs('https://abc123.webrun.ai');
    expect(inside('https://abc123.webrun.ai/next')).toBe(true);
    expect(inside('https://abc123.webrun.ai.evil.example/')).toBe(false);
    expect(inside('https://abc123.webrun.ai@evil.example/')).toBe(false);
    expect(inside('garbage')).toBe(false);
  });

  it('treats a sibling folder of the renderer as foreign, not as the app', () => {
    const isApp = makeAppUrlCheck('file:///opt/app/out/renderer', null);
    expect(isApp('file:///opt/app/out/renderer/index.html')).toBe(true);
    expect(isApp('file:///opt/app/out/renderer-evil/index.html')).toBe(false);
    expect(isApp('file:///opt/app/out/rendererx.html')).toBe(false);
  });
});

describe('fileOpenDecision', () => {
  it.each([
    'setup.exe',
    'run.bat',
    'x.cmd',
    'x.com',
    'installer.msi',
    'screen.scr',
    'p.ps1',
    'evil.desktop',
    'go.command',
    'install.sh',
    'tool.jar',
    'Thing.app',
    'disk.dmg',
    'pkg.pkg',
    'a.deb',
    'a.rpm',
    'App.AppImage',
    'v.vbs',
    'a.js',
    'shortcut.lnk',
    'SETUP.EXE',
    'setup.exe.',
    'setup.exe ',
    '/home/u/files/task/Report.pdf.exe',
    'C:\\Users\\u\\files\\task\\x.hta',
    'disk.iso',
    'm.xlsm',
  ])('%s is revealed with a warning', (name) => {
    const decision = fileOpenDecision(name);
    expect(decision.action).toBe('reveal');
    if (decision.action === 'reveal') expect(decision.warning).toMatch(/program or script/);
  });

  it.each([
    'report.pdf',
    'photo.PNG',
    'data.csv',
    'notes.txt',
    'archive.zip',
    'sheet.xlsx',
    'README',
    '.bashrc',
    'exe',
  ])('%s opens', (name) => {
    expect(fileOpenDecision(name)).toEqual({ action: 'open' });
  });
});

describe('the live view session', () => {
  it('is the partition the live-view window uses, and denies camera, microphone, location and notifications', () => {
    class FakeWindow {
      constructor(readonly options: { webPreferences: { partition: string } }) {}
    }
    const live = createLiveViewWindow(FakeWindow as never) as unknown as FakeWindow;
    let request: (wc: unknown, p: string, cb: (g: boolean) => void) => void = () => {};
    let check: (wc: unknown, p: string) => boolean = () => true;
    const fromPartition = vi.fn(() => ({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    }));
    hardenLiveViewSession(fromPartition);
    expect(fromPartition).toHaveBeenCalledWith(live.options.webPreferences.partition);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-sanitized-write',
    ]) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
  });
});
