// Environments and profiles (webrun-api.md §1.7): the same objects under two vocabularies,
// `/environments` and `/profiles`. A deployment of the generation that says `profileId` is
// talked to as profiles; the others as environments. Profile requests have their own limit,
// 100 per 15 minutes per IP, kept here so a busy UI waits instead of collecting 429s.
import type { WebRunClient } from './client';
import { WebRunError } from './errors';
import { SlidingWindowLimiter } from './rate-limiter';

export type EnvironmentApi = 'environments' | 'profiles';

export interface Environment {
  id: string;
  name: string;
  description: string;
  /** `empty`, `uploading` or `ready` (anything else WebRun says passes through). */
  status: string;
  /** Bytes of the saved profile; null when WebRun does not say. */
  blobSize: number | null;
  blobUploadedAt: string | null;
  lastUsedAt: string | null;
  usageCount: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface EnvironmentFile {
  fileId: string;
  originalName: string;
  size: number | null;
  createdAt: string | null;
}

export interface ProfileArchive {
  name: string;
  data: Blob | Uint8Array;
}

/** WebRun's limits: 20 environments per user, archives up to 500 MB, `.tar.gz` or `.tgz`. */
export const MAX_ENVIRONMENTS = 20;
export const MAX_ARCHIVE_BYTES = 500 * 1024 * 1024;
export const PROFILE_RATE_LIMIT = { max: 100, windowMs: 15 * 60_000 };
/** An archive of hundreds of megabytes takes a while to send. */
const UPLOAD_TIMEOUT_MS = 30 * 60_000;

type Rec = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function bad(what: string, raw: string): WebRunError {
  return new WebRunError({
    kind: 'bad_response',
    message: `Unexpected answer to ${what}.`,
    details: { raw: raw.slice(0, 2000) },
  });
}

/** Lenient reading: `_id` or `id`, missing fields as null. */
export function environmentOf(value: unknown): Environment | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Rec;
  const id = text(e._id) ?? text(e.id);
  if (id === null) return null;
  return {
    id,
    name: text(e.name) ?? id,
    description: typeof e.description === 'string' ? e.description : '',
    status: text(e.status) ?? 'empty',
    blobSize: num(e.blobSize),
    blobUploadedAt: text(e.blobUploadedAt),
    lastUsedAt: text(e.lastUsedAt),
    usageCount: num(e.usageCount),
    createdAt: text(e.createdAt),
    updatedAt: text(e.updatedAt),
  };
}

export function isProfileArchiveName(name: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(name.trim());
}

function sizeOf(data: Blob | Uint8Array): number {
  return data instanceof Blob ? data.size : data.byteLength;
}

export class EnvironmentsClient {
  private readonly profileLimiter: SlidingWindowLimiter | null;

  constructor(
    private readonly http: Pick<WebRunClient, 'request' | 'baseUrl' | 'timeouts'>,
    readonly api: EnvironmentApi = 'environments',
    options: { profileLimiter?: SlidingWindowLimiter | null } = {},
  ) {
    this.profileLimiter =
      options.profileLimiter === undefined
        ? new SlidingWindowLimiter(PROFILE_RATE_LIMIT)
        : options.profileLimiter;
  }

  async list(): Promise<Environment[]> {
    const { body, raw } = await this.call('GET', `/${this.api}`);
    const list = body[this.api];
    if (!Array.isArray(list)) throw bad(`GET /${this.api}`, raw);
    return list.map(environmentOf).filter((e): e is Environment => e !== null);
  }

  async create(name: string, description?: string | null): Promise<Environment> {
    const { body, raw } = await this.call(
      'POST',
      `/${this.api}`,
      { name, ...(description ? { description } : {}) },
      false,
    );
    const env = environmentOf(body[this.api === 'profiles' ? 'profile' : 'environment']);
    if (!env) throw bad(`POST /${this.api}`, raw);
    return env;
  }

  async delete(id: string): Promise<void> {
    await this.call('DELETE', `/${this.api}/${encodeURIComponent(id)}`);
  }

  /** Uploads a Chrome profile archive; refused here, before sending, unless `.tar.gz`/`.tgz` ≤ 500 MB. */
  async upload(
    id: string,
    archive: ProfileArchive,
    options: { signal?: AbortSignal } = {},
  ): Promise<Environment> {
    if (!isProfileArchiveName(archive.name)) {
      throw new WebRunError({
        kind: 'bad_request',
        message: 'Only .tar.gz files are allowed (a .tar.gz or .tgz Chrome profile archive).',
      });
    }
    if (sizeOf(archive.data) > MAX_ARCHIVE_BYTES) {
      throw new WebRunError({
        kind: 'bad_request',
        message: 'The archive is larger than 500 MB, the most WebRun accepts.',
      });
    }
    const form = new FormData();
    const blob =
      archive.data instanceof Blob
        ? archive.data
        : new Blob([new Uint8Array(archive.data)], { type: 'application/gzip' });
    form.append('file', blob, archive.name);
    const path = `/${this.api}/${encodeURIComponent(id)}/upload`;
    const { body, raw } = await this.call('POST', path, undefined, true, {
      form,
      timeoutMs: UPLOAD_TIMEOUT_MS,
      signal: options.signal,
    });
    const env = environmentOf(body.environment ?? body.profile);
    if (!env) throw bad(`POST ${path}`, raw);
    return env;
  }

  /** Files kept in an environment (uploaded with its id). Environments vocabulary only. */
  async files(id: string): Promise<EnvironmentFile[]> {
    const path = `/environments/${encodeURIComponent(id)}/files`;
    const { body, raw } = await this.call('GET', path);
    if (!Array.isArray(body.files)) throw bad(`GET ${path}`, raw);
    return body.files.flatMap((f: unknown) => {
      const r = (f ?? {}) as Rec;
      const fileId = text(r.fileId) ?? text(r._id) ?? text(r.id);
      return fileId
        ? [
            {
              fileId,
              originalName: text(r.originalName) ?? fileId,
              size: num(r.size),
              createdAt: text(r.createdAt),
            },
          ]
        : [];
    });
  }

  async deleteFile(id: string, fileId: string): Promise<void> {
    await this.call(
      'DELETE',
      `/environments/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}`,
    );
  }

  /** A signed link to the saved profile, valid for an hour. Profiles vocabulary (the same objects). */
  async downloadUrl(id: string): Promise<string> {
    const path = `/profiles/${encodeURIComponent(id)}/download`;
    const { body, raw } = await this.call('GET', path);
    const url = text(body.downloadUrl) ?? text(body.url);
    if (!url) throw bad(`GET ${path}`, raw);
    return url;
  }

  private async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    idempotent = method !== 'POST',
    extra: { form?: FormData; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<{ body: Rec; raw: string }> {
    const limited = path.startsWith('/profiles') ? this.profileLimiter : null;
    const slot = limited ? await limited.acquire(extra.signal) : null;
    try {
      const result = await this.http.request({
        method,
        url: `${this.http.baseUrl}${path}`,
        body,
        form: extra.form,
        // Management calls are not under the 10-per-minute task limit (§6.4).
        limited: false,
        idempotent,
        timeoutMs: extra.timeoutMs ?? this.http.timeouts.otherMs,
        signal: extra.signal,
      });
      return result as { body: Rec; raw: string };
    } catch (error) {
      if (
        limited &&
        error instanceof WebRunError &&
        error.kind === 'rate_limited' &&
        error.retryAfterMs !== null
      ) {
        limited.blockUntil(Date.now() + error.retryAfterMs);
      }
      throw error;
    } finally {
      slot?.done();
    }
  }
}
