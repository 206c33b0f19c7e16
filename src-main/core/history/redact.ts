// Redaction for anything that leaves the app (exports, shared run records): URL query
// parameters that commonly carry credentials are replaced, whatever their exact spelling
// (api_key, access_token, X-Amz-Signature, ...).
const SENSITIVE = /(token|key|password|passwd|secret|sig|auth|code|session|credential)/i;

export const REDACTED = 'REDACTED';

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SENSITIVE.test(name)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? REDACTED : '';
    parsed.password = parsed.password ? REDACTED : '';
    changed = true;
  }
  return changed ? parsed.toString() : url;
}

/** Redacts every URL found in free text (an answer that quotes the page it visited, say). */
export function redactUrlsIn(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>()[\]{}`]+/g, (url) => {
    // Sentence punctuation after a URL is not part of it.
    const trail = /[.,;:!?]+$/.exec(url)?.[0] ?? '';
    return redactUrl(url.slice(0, url.length - trail.length)) + trail;
  });
}
