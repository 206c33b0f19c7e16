// The Content Security Policy of the app's pages, whichever host serves them (the Electron
// window or browser mode's loopback server): one builder, so the two cannot drift apart. No
// inline script, no eval, nothing loaded from elsewhere, and the app is never framed itself.

export interface PolicyOptions {
  /** More places the page may connect to (browser mode's WebSocket on the loopback server). */
  connect?: readonly string[];
  /**
   * Origins whose pages the app may show in a frame (a session's live view, served by the
   * backend). None: frames fall under default-src 'self'.
   */
  frameOrigins?: readonly string[];
}

/** scheme://host[:port] and nothing more, so an origin cannot smuggle in another directive. */
const ORIGIN = /^(https?|wss?):\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

function checkedSources(kind: string, sources: readonly string[]): string[] {
  for (const source of sources) {
    if (!ORIGIN.test(source))
      throw new Error(
        `Not an origin for the page's ${kind}: ${JSON.stringify(source)} (expected scheme://host[:port]).`,
      );
  }
  return [...sources];
}

/**
 * The origin a backend serves its live views from (webrun-api.md §5.8: the session's
 * webViewURL is on the backend), for frameOrigins; none for anything that is not plain http(s),
 * so an odd base URL leaves the live view unframed rather than failing the page.
 */
export function liveViewFrameOrigins(baseUrl: string): string[] {
  try {
    const { protocol, origin } = new URL(baseUrl);
    return (protocol === 'http:' || protocol === 'https:') && ORIGIN.test(origin) ? [origin] : [];
  } catch {
    return [];
  }
}

function directives(connect: readonly string[], frames: readonly string[]): string[] {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    ...(frames.length > 0 ? [["frame-src 'self'", ...frames].join(' ')] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
}

export function buildContentSecurityPolicy(options: PolicyOptions = {}): string {
  const connect = checkedSources('connections', options.connect ?? []);
  const frames = checkedSources('frames', options.frameOrigins ?? []);
  return directives(connect, frames).join('; ');
}

/**
 * The policy the built index.html carries in a `<meta http-equiv>`, so the page is covered even
 * where the header is not delivered (Electron's onHeadersReceived is not promised to fire for
 * file:// pages). Both apply when both arrive, so the meta must not refuse what the header
 * admits: the backend, and so the live view's origin, is chosen at run time, so frames may come
 * from any https origin or the loopback sandbox, and the WebSocket back to browser mode's
 * loopback server is allowed; the header narrows both to the exact origins. frame-ancestors is
 * left out because a meta policy cannot carry it (browsers ignore it there, with a warning).
 */
export const META_CONNECT_SOURCES = ['ws://127.0.0.1:*', 'ws://localhost:*'] as const;
export const META_FRAME_SOURCES = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'] as const;

export function metaContentSecurityPolicy(): string {
  return directives(META_CONNECT_SOURCES, META_FRAME_SOURCES)
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
}

/** index.html with the meta policy as the first element of its head (before any script). */
export function withMetaPolicy(html: string): string {
  if (!/<head>/i.test(html)) throw new Error('index.html has no <head> for the CSP meta tag.');
  return html.replace(
    /<head>/i,
    `<head>\n    <meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy()}" />`,
  );
}
