// Copies the files a task downloaded into the app's data folder, so they outlive WebRun's
// links. A copy is written to a temporary name and renamed, so a crash never leaves a
// half-written file under the real name.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

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

export async function copyFile(
  url: string,
  folder: string,
  filename: string,
  options: { fetch?: typeof fetch; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<CopyResult> {
  const response = await (options.fetch ?? fetch)(url, {
    headers: options.headers,
    signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
  });
  if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_FILE_BYTES)
    throw new Error(`file is larger than ${MAX_FILE_BYTES} bytes`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_FILE_BYTES) throw new Error(`file is larger than ${MAX_FILE_BYTES} bytes`);
  await mkdir(folder, { recursive: true });
  const target = join(folder, filename);
  const temporary = `${target}.part`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { localPath: target, size: body.length };
}
