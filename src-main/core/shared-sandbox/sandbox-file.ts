// The file beside a history that says where its shared sandbox listens: `<history>.sandbox.json`,
// mode 0600 (it holds the token every process on the history uses as its API key). It is
// published atomically and exclusively (written whole to a temp file, then hard-linked to its
// name, which fails if a file is already there), so two sandboxes started at the same moment
// cannot both publish: the loser sees the winner's file and stops.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { z } from 'zod';

export const SandboxFileSchema = z.object({
  version: z.literal(1),
  pid: z.number().int().positive(),
  url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/),
  token: z.string().regex(/^[a-f0-9]{32,}$/),
  startedAt: z.string(),
  /** The quiet period after which it stops by itself (no request, no unfinished task). */
  quietMs: z.number().positive(),
  /** The sandbox options (SandboxOptions) of the process that started it: every later process shares them. */
  options: z.record(z.string(), z.unknown()),
});
export type SandboxFile = z.infer<typeof SandboxFileSchema>;

/** How a starter hands the token to the host process: not argv, which the process list shows. */
export const TOKEN_ENV = 'WEBRUN_SANDBOX_HOST_TOKEN';

export function sandboxFilePath(historyPath: string): string {
  return `${historyPath}.sandbox.json`;
}

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** The API key processes send: derived from the token, never a real WebRun key. */
export function sandboxApiKey(token: string): string {
  return `wr_sandbox_${token}`;
}

/** The file's content, or null when it is missing or unreadable (a half-written or foreign file is stale). */
export function readSandboxFile(path: string): SandboxFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = SandboxFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Publishes the file unless one is there already; true when this one is now the file. */
export function publishSandboxFile(path: string, content: SandboxFile): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (FAT, some network shares): rename, which replaces, so
    // only where there is no file yet; the start lock keeps starters apart there.
    if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') && !existsSync(path)) {
      renameSync(temp, path);
      return true;
    }
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes the file if it still names this sandbox (pid and token): a stopping sandbox never
 * removes a successor's file, and a starter removes only the stale file it looked at.
 */
export function removeSandboxFile(
  path: string,
  expected: Pick<SandboxFile, 'pid' | 'token'>,
): void {
  const current = readSandboxFile(path);
  if (current && (current.pid !== expected.pid || current.token !== expected.token)) return;
  rmSync(path, { force: true });
}
