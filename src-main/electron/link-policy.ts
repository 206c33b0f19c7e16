// Where a link the app's pages try to open goes. Results, network logs and file lists quote web
// pages, so any link may be hostile: a page in an app window without an address bar looks like
// part of the app (phishing), and a custom scheme can start a program. So pages open in the
// system browser, where the person sees the address; only WebRun's live view, at the exact
// origin of an open session's address, opens in an app window; anything else is refused.
// Checklist #14 (shell.openExternal with untrusted content) and #15 (new windows).

export type LinkTarget = 'app' | 'external' | 'refuse';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Origins of the live views the app may show in a window, each read by URL parsing. */
export function liveViewOrigins(webViewUrls: readonly (string | null)[]): string[] {
  const origins = new Set<string>();
  for (const u of webViewUrls) {
    const parsed = u ? parse(u) : null;
    if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:'))
      origins.add(parsed.origin);
  }
  return [...origins];
}

/**
 * Where `url` opens: 'app' only when its origin is exactly one of the live views' origins (a
 * prefix match would admit https://x.webrun.ai.evil.example); 'external' for any other http(s)
 * page; 'refuse' for other schemes (file:, javascript:, data:, custom protocol handlers that
 * run programs), for addresses with credentials in them (https://app.webrun.ai@evil.example
 * reads as WebRun's), and for what does not parse.
 */
export function linkTarget(url: string, liveOrigins: readonly string[]): LinkTarget {
  const parsed = parse(url);
  if (!parsed) return 'refuse';
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'refuse';
  if (parsed.username !== '' || parsed.password !== '') return 'refuse';
  if (liveOrigins.includes(parsed.origin)) return 'app';
  return 'external';
}

/** For the live-view window itself: it may move only within its own origin (exact). */
export function sameOriginAs(origin: string): (url: string) => boolean {
  return (url) => parse(url)?.origin === origin;
}
