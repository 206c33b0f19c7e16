// The environments methods: WebRun's environments (or profiles) listed, created, deleted,
// their files, and a profile archive uploaded in pieces (so a 500 MB file never travels as one
// message and the UI can show progress), written to a temporary file and streamed to WebRun.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import type { EnvironmentMethodName } from '../../contract/environments';
import type { EnvironmentView } from '../../contract/environments';
import type { Environment, EnvironmentsClient } from '../webrun/environments-client';
import { remote } from '../webrun/remote';
import { timeOf } from '../webrun/iso-time';

export interface EnvironmentHandlerContext {
  environments: EnvironmentsClient;
  /** Where archives wait while their pieces arrive. */
  uploadsDir: string;
  writable(): void;
}

interface Upload {
  envId: string;
  filename: string;
  size: number;
  received: number;
  path: string;
}

export function environmentView(e: Environment): EnvironmentView {
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    status: e.status,
    size: e.blobSize,
    lastUsedAt: timeOf(e.lastUsedAt),
    usageCount: e.usageCount,
    createdAt: timeOf(e.createdAt),
  };
}

export function environmentHandlers(
  ctx: EnvironmentHandlerContext,
): Pick<DeskHandlers, EnvironmentMethodName> {
  return { ...environmentEdits(ctx), ...archiveUploads(ctx) };
}

/** Listing, creating and deleting environments and their files, at WebRun. */
function environmentEdits(ctx: EnvironmentHandlerContext) {
  return {
    'environments.list': async () =>
      (await remote('list the environments', () => ctx.environments.list())).map(environmentView),
    'environments.create': async (input) => {
      ctx.writable();
      return environmentView(
        await remote('create the environment', () =>
          ctx.environments.create(input.name, input.description),
        ),
      );
    },
    'environments.delete': async (input) => {
      await remote('delete the environment', () => ctx.environments.delete(input.id));
      return { ok: true as const };
    },
    'environments.files': async (input) =>
      (await remote('list the environment’s files', () => ctx.environments.files(input.id))).map(
        (f) => ({
          fileId: f.fileId,
          name: f.originalName,
          size: f.size,
          createdAt: timeOf(f.createdAt),
        }),
      ),
    'environments.deleteFile': async (input) => {
      await remote('delete the file', () => ctx.environments.deleteFile(input.id, input.fileId));
      return { ok: true as const };
    },
  } satisfies Partial<DeskHandlers>;
}

/**
 * A profile archive uploaded in pieces: each piece appended to a temporary file, refused once it
 * passes the size announced, and the whole streamed to WebRun when every byte has arrived.
 */
function archiveUploads(ctx: EnvironmentHandlerContext) {
  const uploads = new Map<string, Upload>();
  const upload = (id: string): Upload => {
    const found = uploads.get(id);
    if (!found)
      throw new DeskError(
        'not_found',
        'That upload is not in progress (it finished, was cancelled, or the app restarted); start it again.',
      );
    return found;
  };
  const drop = (id: string): void => {
    const found = uploads.get(id);
    uploads.delete(id);
    if (found) rmSync(found.path, { force: true });
  };

  return {
    'environments.uploadStart': (input) => {
      mkdirSync(ctx.uploadsDir, { recursive: true });
      const uploadId = randomUUID();
      const path = join(ctx.uploadsDir, `${uploadId}.part`);
      writeFileSync(path, '', { mode: 0o600 });
      uploads.set(uploadId, {
        envId: input.id,
        filename: input.filename,
        size: input.size,
        received: 0,
        path,
      });
      return { uploadId };
    },
    'environments.uploadChunk': (input) => {
      const current = upload(input.uploadId);
      const bytes = Buffer.from(input.base64, 'base64');
      if (current.received + bytes.length > current.size) {
        drop(input.uploadId);
        throw new DeskError(
          'invalid_input',
          `The archive is bigger than the ${current.size} bytes announced; the upload was cancelled.`,
        );
      }
      appendFileSync(current.path, bytes);
      current.received += bytes.length;
      return { received: current.received, size: current.size };
    },
    'environments.uploadFinish': async (input) => {
      const current = upload(input.uploadId);
      if (current.received !== current.size)
        throw new DeskError(
          'conflict',
          `Only ${current.received} of ${current.size} bytes have arrived.`,
        );
      try {
        const data = await openAsBlob(current.path, { type: 'application/gzip' });
        return environmentView(
          await remote('upload the profile', () =>
            ctx.environments.upload(current.envId, { name: current.filename, data }),
          ),
        );
      } finally {
        drop(input.uploadId);
      }
    },
    'environments.uploadCancel': (input) => {
      drop(input.uploadId);
      return { ok: true as const };
    },
  } satisfies Partial<DeskHandlers>;
}
