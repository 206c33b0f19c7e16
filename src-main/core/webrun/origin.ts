// The API key goes to WebRun's configured origin and nowhere else. Answers name URLs (a poll
// URL, a file's download link, a socket URL) that may point at another host: a CDN, a proxy,
// or a tampered answer. These helpers decide, in one place, where a URL really points.

/** The origin of `url` (resolved against `base` when relative), or null when it is no URL. */
export function originOf(url: string, base?: string): string | null {
  try {
    return new URL(url, base).origin;
  } catch {
    return null;
  }
}

/** True when `url` points at the same scheme, host and port as `base`. */
export function sameOrigin(url: string, base: string): boolean {
  const origin = originOf(url, base);
  return origin !== null && origin === originOf(base);
}

/** `url` resolved against `base` (a relative poll URL is WebRun's own); null when unreadable. */
export function resolveUrl(url: string, base: string): string | null {
  try {
    // A base without a trailing slash would drop its last path segment for a relative URL.
    return new URL(url, base.endsWith('/') ? base : `${base}/`).href;
  } catch {
    return null;
  }
}
