// Serves the built renderer (out/renderer) and nothing outside it.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  isHtml: boolean;
}

/** Resolves a URL path inside `root`; unknown paths fall back to index.html (one-page app). */
export async function loadStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const candidate = resolve(join(base, normalize(decoded)));
  if (candidate !== base && !candidate.startsWith(base + sep)) return null;
  let file = candidate;
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    // Assets that do not exist are real 404s; anything else is a route of the app.
    if (extname(decoded) !== '' && extname(decoded) !== '.html') return null;
    file = join(base, 'index.html');
  }
  const body = await readFile(file).catch(() => null);
  if (!body) return null;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  return { body, contentType: type, isHtml: type.startsWith('text/html') };
}
