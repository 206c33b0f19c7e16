// The Electron host's decisions, tested with fakes of the Electron objects they touch.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeskEvent } from '../../src-main/contract/index';
import { SecretStore } from '../../src-main/core/secrets/secret-store';
import { keychainCodec, type SafeStorageLike } from '../../src-main/electron/keychain';
import { attachNotifications } from '../../src-main/electron/notifications';
import {
  createAppWindow,
  createLiveViewWindow,
  hardenSession,
  hardenWebContents,
  makeAppUrlCheck,
  type PreventableEvent,
} from '../../src-main/electron/window-security';
import { taskView } from '../helpers/task-view';
import { tempDir } from '../helpers/temp';

const APP = 'file:///opt/webrun-desk/resources/app.asar/out/renderer';
const isAppUrl = makeAppUrlCheck(APP, null);

function fakeContents() {
  const listeners = new Map<string, (event: PreventableEvent, url?: string) => void>();
  let openHandler: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
  return {
    contents: {
      on: (name: string, l: (event: PreventableEvent, url?: string) => void) =>
        listeners.set(name, l),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    },
    fire(name: string, url?: string): boolean {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler({ url }),
  };
}

describe('window security', () => {
  class FakeWindow {
    constructor(
      readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>,
    ) {}
  }

  it('turns on every isolation the checklist asks for, in the app window and the live view', () => {
    const strict = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    };
    const main = createAppWindow(
      FakeWindow as never,
      { width: 1200 },
      '/app/out/preload/index.cjs',
    ) as unknown as FakeWindow;
    expect(main.options.webPreferences).toMatchObject({
      ...strict,
      preload: '/app/out/preload/index.cjs',
    });
    expect(main.options.width).toBe(1200);
    const live = createLiveViewWindow(FakeWindow as never) as unknown as FakeWindow;
    expect(live.options.webPreferences).toMatchObject(strict);
    expect(live.options.webPreferences.preload).toBeUndefined(); // no bridge to the app
    expect(live.options.webPreferences.partition).toBe('live-view');
  });

  it('blocks navigation and redirects away from the app, and every webview', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, {
      isAppUrl,
      liveViewOrigins: () => [],
      openLiveView: vi.fn(),
      openExternal: vi.fn(),
    });
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(f.fire('will-navigate', `${APP}/index.html#/history`)).toBe(false);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('denies every window.open: pages to the system browser, the live view (exact origin) to its own window, other schemes nowhere', () => {
    const f = fakeContents();
    const openExternal = vi.fn();
    const openLiveView = vi.fn();
    hardenWebContents(f.contents as never, {
      isAppUrl,
      liveViewOrigins: () => ['https://abc123.webrun.ai'],
      openLiveView,
      openExternal,
    });
    expect(f.open('https://docs.webrun.ai/getting-started/quickstart')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.webrun.ai/getting-started/quickstart');
    expect(f.open('https://abc123.webrun.ai/')).toEqual({ action: 'deny' });
    expect(openLiveView).toHaveBeenCalledWith('https://abc123.webrun.ai/');
    // A result's markdown link to a look-alike page: the system browser, never an app window.
    expect(f.open('https://abc123.webrun.ai.evil.example/login')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://abc123.webrun.ai.evil.example/login');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ms-msdt:/id PCWDiagnostic',
      'https://abc123.webrun.ai@evil.example/',
    ]) {
      expect(f.open(url)).toEqual({ action: 'deny' });
    }
    expect(openLiveView).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledTimes(2);
  });

  it('denies every permission and puts the CSP on the app pages', () => {
    let request: (wc: unknown, p: string, cb: (g: boolean) => void) => void = () => {};
    let check: (wc: unknown, p: string) => boolean = () => true;
    let headers: (
      d: { url: string; responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void = () => {};
    hardenSession(
      {
        setPermissionRequestHandler: (h) => (request = h),
        setPermissionCheckHandler: (h) => (check = h),
        webRequest: { onHeadersReceived: (l) => (headers = l) },
      },
      isAppUrl,
      () => ['https://connect.webrun.ai'],
    );
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
    const done = vi.fn();
    headers({ url: `${APP}/index.html`, responseHeaders: {} }, done);
    expect(done.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toMatch(
      /default-src 'self'/,
    );
    expect(done.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toContain(
      "frame-src 'self' https://connect.webrun.ai;",
    );
  });
});

describe('keychain', () => {
  const t = tempDir();
  afterEach(() => undefined);

  function fakeSafeStorage(
    backend = 'gnome_libsecret',
    available = true,
  ): SafeStorageLike & { reset(): void } {
    let secret = 'A';
    return {
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend,
      encryptString: (v) => Buffer.from(`${secret}|${v}`),
      decryptString: (b) => {
        const [k, ...rest] = b.toString().split('|');
        if (k !== secret)
          throw new Error(
            'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
          );
        return rest.join('|');
      },
      reset: () => (secret = 'B'),
    };
  }

  it('round-trips the key through safeStorage and asks again when it can no longer be decrypted', () => {
    const safe = fakeSafeStorage();
    const store = new SecretStore(join(t.dir, 'k1.json'), keychainCodec(safe, 'linux'));
    store.setApiKey('wr_live_0123456789');
    expect(store.apiKey()).toBe('wr_live_0123456789');
    safe.reset();
    expect(() => store.status()).not.toThrow();
    expect(store.status()).toMatchObject({ apiKeySet: false, needsReentry: true });
  });

  it('reports the Linux basic_text backend so the user is warned before saving', () => {
    expect(keychainCodec(fakeSafeStorage('basic_text'), 'linux').storage).toBe('basic_text');
    expect(keychainCodec(fakeSafeStorage('basic_text'), 'darwin').storage).toBe('os');
    expect(keychainCodec(fakeSafeStorage('gnome_libsecret', false), 'linux').storage).toBe(
      'unavailable',
    );
    t.cleanup();
  });
});

describe('notifications', () => {
  function setup(focused: boolean, onEnd = false) {
    let listener: (e: DeskEvent) => void = () => {};
    const notify = vi.fn();
    const setBadge = vi.fn();
    attachNotifications({
      subscribe: (l) => ((listener = l), () => {}),
      notify,
      isFocused: () => focused,
      setBadge,
      notifyOnTaskEnd: () => onEnd,
      reveal: vi.fn(),
    });
    const push = (over: Parameters<typeof taskView>[0]) =>
      listener({ name: 'task.updated', payload: taskView(over) });
    return { notify, setBadge, push };
  }

  it('notifies a question while the app is in the background, and counts questions on the badge', () => {
    const { notify, setBadge, push } = setup(false);
    push({ id: 'a', status: 'running' });
    push({ id: 'a', status: 'needs_input', question: 'I need login credentials' });
    push({ id: 'a', status: 'needs_input', question: 'I need login credentials' }); // repeated: once only
    push({ id: 'b', status: 'needs_input', question: 'Confirm purchase?' });
    expect(notify).toHaveBeenCalledTimes(2);
    expect(notify.mock.calls[0]![1]).toContain('I need login credentials');
    expect(setBadge).toHaveBeenLastCalledWith(2);
    push({ id: 'a', status: 'running' });
    expect(setBadge).toHaveBeenLastCalledWith(1);
  });

  it("counts assistants' tasks waiting for approval on the badge beside the questions, and notifies a new one", () => {
    let listener: (e: DeskEvent) => void = () => {};
    const notify = vi.fn();
    const setBadge = vi.fn();
    attachNotifications({
      subscribe: (l) => ((listener = l), () => {}),
      notify,
      isFocused: () => false,
      setBadge,
      notifyOnTaskEnd: () => false,
      reveal: vi.fn(),
    });
    const approval = (id: string) => ({
      id,
      client: 'Claude Desktop',
      prompt: `Book ${id}`,
      startingUrl: null,
      costCap: 1,
      createdAt: 1,
    });
    listener({
      name: 'task.updated',
      payload: taskView({ id: 'a', status: 'needs_input', question: 'Which account?' }),
    });
    listener({ name: 'mcp.approvals', payload: [approval('x'), approval('y')] });
    expect(setBadge).toHaveBeenLastCalledWith(3);
    expect(notify).toHaveBeenLastCalledWith(
      'An AI assistant asks to run a task',
      expect.stringContaining('Claude Desktop'),
      expect.any(Function),
    );
    expect(notify).toHaveBeenCalledTimes(3);
    listener({ name: 'mcp.approvals', payload: [approval('y')] });
    expect(setBadge).toHaveBeenLastCalledWith(2);
    expect(notify).toHaveBeenCalledTimes(3); // one that was already waiting is not announced again
    listener({ name: 'mcp.approvals', payload: [] });
    expect(setBadge).toHaveBeenLastCalledWith(1);
  });

  it('stays silent while the app has focus, and on task end unless asked', () => {
    const focused = setup(true, true);
    focused.push({ id: 'a', status: 'running' });
    focused.push({ id: 'a', status: 'needs_input' });
    expect(focused.notify).not.toHaveBeenCalled();
    const background = setup(false, false);
    background.push({ id: 'a', status: 'running' });
    background.push({ id: 'a', status: 'completed' });
    expect(background.notify).not.toHaveBeenCalled();
    const wanted = setup(false, true);
    wanted.push({ id: 'a', status: 'running' });
    wanted.push({ id: 'a', status: 'completed' });
    expect(wanted.notify).toHaveBeenCalledWith('Task completed', 'p', expect.any(Function));
  });
});
