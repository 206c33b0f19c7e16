// Copies the files a task downloaded into the app's data folder, so they outlive WebRun's
// links. A copy is streamed to a temporary name and renamed, so a crash never leaves a
// half-written file under the real name; the body is counted as it arrives and the download
// stops at the cap, so a body without Content-Length (or one that lies) never fills memory.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** A file name that is safe on every OS and cannot climb out of its folder. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = [...basename(name.replace(/\\/g, '/'))]
    .map((ch) => (ch.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .slice(0, 180)
    .trim();
  return cleaned === '' ? fallback : cleaned;
}

export interface CopyResult {
  localPath: string;
  size: number;
}

const tooLarge = (limit: number): Error => new Error(`file is larger than ${limit} bytes`);

/** Passes bytes through, failing the stream once more than `limit` have gone by. */
function byteCap(limit: number, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counted.bytes += chunk.length;
      if (counted.bytes > limit) done(tooLarge(limit));
      else done(null, chunk);
    },
  });
}

export async function copyFile(
  url: string,
  folder: string,
  filename: string,
  options: {
    fetch?: typeof fetch;
    timeoutMs?: number;
    headers?: Record<string, string>;
    /** The cap; MAX_FILE_BYTES unless a test asks for less. */
    maxBytes?: number;
  } = {},
): Promise<CopyResult> {
  const limit = options.maxBytes ?? MAX_FILE_BYTES;
  const response = await (options.fetch ?? fetch)(url, {
    headers: options.headers,
    signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
  });
  if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  await mkdir(folder, { recursive: true });
  const target = join(folder, filename);
  const temporary = `${target}.part`;
  const counted = { bytes: 0 };
  try {
    const body = response.body
      ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)
      : Readable.from([]);
    // A failed pipeline destroys the body too, which aborts the download.
    await pipeline(body, byteCap(limit, counted), createWriteStream(temporary));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { localPath: target, size: counted.bytes };
}
