// Environments (WebRun's "profiles"): a browser's saved logins, cookies and files, picked for
// a task so the agent stays logged in. Schemas and this domain's slice of the method table.
import { None, Ok, type MethodSpec } from './common';
import type { MethodName } from './names';
import { MAX_ARCHIVE_BYTES, UPLOAD_CHUNK_BYTES } from './environment-limits';
import { z } from './zod';

export { MAX_ARCHIVE_BYTES, UPLOAD_CHUNK_BYTES } from './environment-limits';

export const EnvironmentView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** empty, uploading or ready (anything else WebRun says passes through). */
  status: z.string(),
  /** Bytes of the saved profile; null when WebRun does not say. */
  size: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  usageCount: z.number().nullable(),
  createdAt: z.number().nullable(),
});
export type EnvironmentView = z.infer<typeof EnvironmentView>;

export const EnvironmentFileView = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().nullable(),
  createdAt: z.number().nullable(),
});
export type EnvironmentFileView = z.infer<typeof EnvironmentFileView>;

/** Every method about one environment names it the same way; the others extend this. */
const EnvIdInput = z.strictObject({ id: z.string().trim().min(1).max(64) });
const UploadIdInput = z.strictObject({ uploadId: z.string().min(1).max(64) });
const ARCHIVE = /\.(tar\.gz|tgz)$/i;

export const environmentMethods = {
  'environments.list': { input: None, output: z.array(EnvironmentView) },
  'environments.create': {
    input: z.strictObject({
      name: z
        .string()
        .trim()
        .min(1, 'Name the environment.')
        .max(100, 'A name has 100 characters at most.'),
      description: z
        .string()
        .trim()
        .max(500, 'A description has 500 characters at most.')
        .optional(),
    }),
    output: EnvironmentView,
  },
  'environments.delete': { input: EnvIdInput, output: Ok },
  'environments.files': { input: EnvIdInput, output: z.array(EnvironmentFileView) },
  'environments.deleteFile': {
    input: EnvIdInput.extend({ fileId: z.string().min(1).max(100) }),
    output: Ok,
  },
  // A profile archive goes up in pieces, so a 500 MB file needs no 500 MB message and the UI
  // can show its progress; the core sends it to WebRun once the last piece is in.
  'environments.uploadStart': {
    input: EnvIdInput.extend({
      filename: z
        .string()
        .trim()
        .min(1)
        .max(255)
        .regex(ARCHIVE, 'Only .tar.gz or .tgz profile archives can be uploaded.'),
      size: z
        .number()
        .int()
        .min(1, 'The archive is empty.')
        .max(MAX_ARCHIVE_BYTES, 'The archive is larger than 500 MB, the most WebRun accepts.'),
    }),
    output: z.object({ uploadId: z.string() }),
  },
  'environments.uploadChunk': {
    input: UploadIdInput.extend({
      base64: z
        .string()
        .min(1)
        .max(Math.ceil((UPLOAD_CHUNK_BYTES * 4) / 3) + 8),
    }),
    output: z.object({ received: z.number(), size: z.number() }),
  },
  'environments.uploadFinish': { input: UploadIdInput, output: EnvironmentView },
  'environments.uploadCancel': { input: UploadIdInput, output: Ok },
} satisfies Partial<Record<MethodName, MethodSpec>>;

export type EnvironmentMethodName = keyof typeof environmentMethods;
