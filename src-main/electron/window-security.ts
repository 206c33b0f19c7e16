// Every window-level security decision in one place, each citing the item of the Electron
// security checklist (https://www.electronjs.org/docs/latest/tutorial/security) it implements.
import { buildContentSecurityPolicy } from '../core/content-security-policy';
import { linkTarget } from './link-policy';

/** Pages that belong to the app: the packaged file:// renderer or the dev server. */
export function makeAppUrlCheck(
  rendererFileUrl: string,
  devServerUrl: string | null,
): (url: string) => boolean {
  // The folder itself, then a separator: a bare prefix would admit a sibling ("renderer-x/").
  const folder = rendererFileUrl.endsWith('/') ? rendererFileUrl : `${rendererFileUrl}/`;
  return (url) => {
    if (url.startsWith(folder)) return true;
    if (devServerUrl) {
      try {
        return new URL(url).origin === new URL(devServerUrl).origin;
      } catch {
        return false;
      }
    }
    return false;
  };
}

// The windows are built here, with their webPreferences written out in full at the call, so
// each setting is visible where the window is made (and static checkers can read them).

/** What is needed of Electron's BrowserWindow constructor (a fake in tests). */
export type BrowserWindowCtor<W> = new (options: Record<string, unknown>) => W;

export function createAppWindow<W>(
  BrowserWindow: BrowserWindowCtor<W>,
  bounds: Record<string, unknown>,
  preload: string,
): W {
  return new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'WebRun Desk',
    webPreferences: {
      contextIsolation: true, // #3 enable context isolation
      sandbox: true, // #4 enable process sandboxing
      nodeIntegration: false, // #2 do not enable Node.js integration for remote content
      nodeIntegrationInWorker: false, // #2
      nodeIntegrationInSubFrames: false, // #2
      webSecurity: true, // #6 do not disable webSecurity
      allowRunningInsecureContent: false, // #8 do not enable allowRunningInsecureContent
      experimentalFeatures: false, // #9 do not enable experimental features
      webviewTag: false, // #12 do not use <webview>
      navigateOnDragDrop: false, // #13 a dropped file or link must not navigate the window
      disableBlinkFeatures: 'Auxclick', // #13 middle-click must not open links in new windows
      spellcheck: false,
      preload, // sandboxed CommonJS, exposes only the contract's names (src-main/electron/preload.ts)
    },
  });
}

/** The live view's own session; main.ts gives it the same permission refusals (#5). */
export const LIVE_VIEW_PARTITION = 'live-view';

/** A session's live view: a remote page, so no preload, no IPC, its own storage partition. */
export function createLiveViewWindow<W>(BrowserWindow: BrowserWindowCtor<W>): W {
  return new BrowserWindow({
    width: 1060,
    height: 700,
    title: 'Live view',
    webPreferences: {
      contextIsolation: true, // #3
      sandbox: true, // #4
      nodeIntegration: false, // #2
      nodeIntegrationInWorker: false, // #2
      nodeIntegrationInSubFrames: false, // #2
      webSecurity: true, // #6
      allowRunningInsecureContent: false, // #8
      experimentalFeatures: false, // #9
      webviewTag: false, // #12
      navigateOnDragDrop: false, // #13
      disableBlinkFeatures: 'Auxclick', // #13
      partition: LIVE_VIEW_PARTITION, // its cookies and storage stay apart from the app's
    },
  });
}

/** #7 define a Content Security Policy, for the packaged renderer (file://). */
export const RENDERER_CSP = buildContentSecurityPolicy();
/** The same, admitting frames from the backend's origin (a session's live view). */
export const rendererCsp = (frameOrigins: readonly string[] = []): string =>
  buildContentSecurityPolicy({ frameOrigins });

// Structural types for the parts of Electron used below, so unit tests pass fakes.
export interface PreventableEvent {
  preventDefault(): void;
}
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(
    handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' },
  ): void;
}
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
}
export interface SessionLike extends PermissionSessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface HardenOptions {
  isAppUrl: (url: string) => boolean;
  /** Origins of the open sessions' live views: only these open in an app window (no preload, no IPC). */
  liveViewOrigins: () => readonly string[];
  openLiveView: (url: string) => void;
  openExternal: (url: string) => void;
}

export function hardenWebContents(contents: WebContentsLike, options: HardenOptions): void {
  // #13 disable or limit navigation: only our own pages.
  const guard = (event: PreventableEvent, url: string): void => {
    if (!options.isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // #12 verify WebView options before creation: we never create one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // #15 disable or limit creation of new windows; #14 only http(s) pages reach the system
  // browser (link-policy.ts decides).
  contents.setWindowOpenHandler(({ url }) => {
    const target = linkTarget(url, options.liveViewOrigins());
    if (target === 'app') options.openLiveView(url);
    else if (target === 'external') options.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(
  session: SessionLike,
  isAppUrl: (url: string) => boolean,
  frameOrigins: () => readonly string[] = () => [],
): void {
  denyPermissions(session);
  // #7 a CSP on every page of the app, whatever serves it.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (isAppUrl(details.url)) headers['Content-Security-Policy'] = [rendererCsp(frameOrigins())];
    callback({ responseHeaders: headers });
  });
}

/**
 * #5 handle session permission requests from remote content: neither the app nor the live view
 * needs any (camera, microphone, geolocation, notifications, clipboard...). Set on every
 * session a window uses, since Electron grants them by default on a session left alone.
 */
export function denyPermissions(session: PermissionSessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The live view window's partition, with the same refusals as the app's session. */
export function hardenLiveViewSession(
  fromPartition: (partition: string) => PermissionSessionLike,
): void {
  denyPermissions(fromPartition(LIVE_VIEW_PARTITION));
}
