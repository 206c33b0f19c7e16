// Which remote addresses become links. Results, file lists and live-view addresses come from
// web pages through WebRun, so a value is a link only when it is an absolute http(s) address
// with no credentials in it (https://app.webrun.ai@evil.example reads as WebRun's); file:,
// data:, javascript:, relative and protocol-relative values stay plain text. Pure, so the
// rules are tested without a DOM.

function parseAbsolute(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    // No base: a relative or protocol-relative value does not parse, so it is never a link.
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username !== '' || parsed.password !== '') return null;
    return parsed;
  } catch {
    return null;
  }
}

/** An address to a web page that may be a link (opened outside the app), or null. */
export function webPageHref(url: string | null | undefined): string | null {
  return parseAbsolute(url)?.href ?? null;
}

/** The host of an address, for a hint beside plain text; null when it is no web address. */
export function webHost(url: string | null | undefined): string | null {
  return parseAbsolute(url)?.host ?? null;
}

/**
 * Where each backend documents its file links (webrun-api.md: data.files[].downloadUrl, e.g.
 * https://blobs.webrun.ai/files/report.zip), beside the backend's own origin.
 */
const DOCUMENTED_FILE_ORIGINS: Record<string, readonly string[]> = {
  'connect.webrun.ai': ['https://blobs.webrun.ai'],
};

/**
 * A file's download link, when it points at the configured backend's own origin or at a host
 * its documentation names for files; null (plain text) for any other.
 */
export function backendFileHref(
  url: string | null | undefined,
  backendBaseUrl: string,
): string | null {
  const parsed = parseAbsolute(url);
  const backend = parseAbsolute(backendBaseUrl);
  if (!parsed || !backend) return null;
  const allowed = [backend.origin, ...(DOCUMENTED_FILE_ORIGINS[backend.host] ?? [])];
  return allowed.includes(parsed.origin) ? parsed.href : null;
}

/** Controls and bidirectional overrides that make a name read otherwise than it is. */
// eslint-disable-next-line no-control-regex
const DECEPTIVE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A remote name as shown: each control or bidi override becomes a visible U+FFFD, so
 * "invoice\u202egpj.exe" cannot pass for "invoiceexe.jpg".
 */
export function shownName(name: string): string {
  return name.replace(DECEPTIVE, '\ufffd');
}
