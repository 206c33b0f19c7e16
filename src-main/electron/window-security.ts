// Every window-level security decision in one place, each citing the Electron security
// checklist (https://www.electronjs.org/docs/latest/tutorial/security) item it implements.

/** Pages that belong to the app: the packaged file:// renderer or the dev server. */
export function makeAppUrlCheck(rendererFileUrl: string, devServerUrl: string | null): (url: string) => boolean {
  return (url) => {
    if (url.startsWith(rendererFileUrl)) return true;
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

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true, // #3 enable context isolation
  sandbox: true, // #4 enable process sandboxing
  nodeIntegration: false, // #2 do not enable Node.js integration for remote content
  webSecurity: true, // #6 do not disable webSecurity
  allowRunningInsecureContent: false, // #8
  experimentalFeatures: false, // #9
  webviewTag: false, // #12 verify WebView options: we use none
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** Links the app may hand to the system browser (#14 do not use shell.openExternal with untrusted content). */
const EXTERNAL_ALLOW = ['https://docs.webrun.ai', 'https://webrun.ai', 'https://app.webrun.ai'];

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_ALLOW.some((allowed) => parsed.origin === new URL(allowed).origin);
  } catch {
    return false;
  }
}

/** #13 disable or limit navigation: only our own pages. */
export function navigationAllowed(url: string, isAppUrl: (url: string) => boolean): boolean {
  return isAppUrl(url);
}

/** #7 define a Content Security Policy, for the packaged renderer (file://). */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
