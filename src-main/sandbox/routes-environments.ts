// /environments and /profiles (webrun-api.md §1.7): the same objects under two vocabularies.
// Profiles need the `task:create` permission and have their own limit, 100 requests per
// 15 minutes per IP address, failed requests included.
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from './context.ts';
import {
  type EnvironmentStore,
  MAX_ENVIRONMENTS,
  MAX_PROFILE_BYTES,
  environmentBody,
  type SimEnvironment,
} from './environments.ts';
import { BodyTooLarge, type Reply, failure, json, readBody } from './http.ts';
import { hexId } from './random.ts';
import { RATE_LIMITED_BODY, SlidingWindowLimiter } from './rate-limit.ts';
import type { RouteDef, RouteInput } from './router.ts';

type Vocabulary = {
  noun: 'Environment' | 'Profile';
  key: 'environment' | 'profile';
  plural: 'environments' | 'profiles';
};
const ENV: Vocabulary = { noun: 'Environment', key: 'environment', plural: 'environments' };
const PROFILE: Vocabulary = { noun: 'Profile', key: 'profile', plural: 'profiles' };

/** Sandbox keys that stand for a key without `task:create` (to reach the documented 403). */
const NO_PERMISSION_KEY = /^(wr|enig)_readonly_/;

export function environmentRoutes(ctx: SandboxContext): RouteDef[] {
  const store = ctx.environments;
  const limit = ctx.options.profileRateLimit;
  const limiter = limit ? new SlidingWindowLimiter(limit.max, limit.windowMs) : null;

  /** Profile routes: the per-IP limit, then the permission, then the handler. */
  const profile =
    (handler: (input: RouteInput) => Reply | Promise<Reply>) =>
    async (input: RouteInput): Promise<Reply> => {
      let headers: Record<string, string> = {};
      if (limiter) {
        const decision = limiter.hit(clientIp(input.req));
        if (!decision.allowed)
          return { status: 429, body: RATE_LIMITED_BODY, headers: decision.headers };
        headers = decision.headers;
      }
      const reply = NO_PERMISSION_KEY.test(input.apiKey ?? '')
        ? failure(403, 'API key missing required permission: task:create')
        : await handler(input);
      return { ...reply, headers: { ...headers, ...reply.headers } };
    };

  const list =
    (v: Vocabulary) =>
    ({ apiKey }: RouteInput) =>
      json(200, { success: true, [v.plural]: store.list(apiKey ?? '').map(environmentBody) });
  const create =
    (v: Vocabulary) =>
    ({ body, apiKey }: RouteInput) =>
      createEnv(store, v, body, apiKey ?? '');
  const remove =
    (v: Vocabulary) =>
    ({ params, apiKey }: RouteInput) =>
      store.delete(apiKey ?? '', params.id ?? '')
        ? json(200, { success: true, message: `${v.noun} deleted` })
        : failure(404, `${v.noun} not found`);
  const upload = (v: Vocabulary) => (input: RouteInput) => uploadProfile(store, v, input);

  return [
    { method: 'GET', path: '/environments', auth: 'required', handle: list(ENV) },
    { method: 'POST', path: '/environments', auth: 'required', body: 'json', handle: create(ENV) },
    { method: 'DELETE', path: '/environments/:id', auth: 'required', handle: remove(ENV) },
    {
      method: 'POST',
      path: '/environments/:id/upload',
      auth: 'required',
      body: 'stream',
      handle: upload(ENV),
    },
    {
      method: 'GET',
      path: '/environments/:id/files',
      auth: 'required',
      handle: ({ params, apiKey }) => listFiles(store, apiKey ?? '', params.id ?? ''),
    },
    {
      method: 'DELETE',
      path: '/environments/:id/files/:fileId',
      auth: 'required',
      handle: ({ params, apiKey }) =>
        deleteFile(store, apiKey ?? '', params.id ?? '', params.fileId ?? ''),
    },
    { method: 'GET', path: '/profiles', auth: 'required', handle: profile(list(PROFILE)) },
    {
      method: 'POST',
      path: '/profiles',
      auth: 'required',
      body: 'json',
      handle: profile(create(PROFILE)),
    },
    { method: 'DELETE', path: '/profiles/:id', auth: 'required', handle: profile(remove(PROFILE)) },
    {
      method: 'POST',
      path: '/profiles/:id/upload',
      auth: 'required',
      body: 'stream',
      handle: profile(upload(PROFILE)),
    },
    {
      method: 'GET',
      path: '/profiles/:id/download',
      auth: 'required',
      handle: profile(({ params, apiKey }) => download(ctx, apiKey ?? '', params.id ?? '')),
    },
  ];
}

function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function createEnv(
  store: EnvironmentStore,
  v: Vocabulary,
  body: Record<string, unknown>,
  apiKey: string,
): Reply {
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '') return failure(400, `${v.noun} name is required`);
  // The profiles page documents the lengths; the environments page uses the same objects.
  if (name.length > 100) return failure(400, `${v.noun} name must be at most 100 characters`);
  const description = typeof body.description === 'string' ? body.description : '';
  if (description.length > 500) return failure(400, 'Description must be at most 500 characters');
  if (store.count(apiKey) >= MAX_ENVIRONMENTS)
    return failure(400, `Maximum of ${MAX_ENVIRONMENTS} ${v.plural} allowed`);
  const env = store.create(apiKey, name, description);
  return json(200, { success: true, message: `${v.noun} created`, [v.key]: environmentBody(env) });
}

interface UploadedPart {
  name: string;
  size: number;
}

function isArchiveName(name: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(name);
}

async function uploadProfile(
  store: EnvironmentStore,
  v: Vocabulary,
  { req, params, apiKey }: RouteInput,
): Promise<Reply> {
  const env = store.owned(apiKey ?? '', params.id ?? '');
  if (!env) return failure(404, `${v.noun} not found`);
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    return failure(400, 'No file provided');
  const before = env.status;
  env.status = 'uploading';
  let buffer: Buffer;
  try {
    // A little room over the limit for the multipart framing.
    buffer = await readBody(req, MAX_PROFILE_BYTES + 64 * 1024);
  } catch (error) {
    env.status = before;
    if (error instanceof BodyTooLarge)
      return failure(400, 'File too large: profiles are limited to 500 MB');
    throw error;
  }
  let file: UploadedPart | null = null;
  try {
    const form = await new Response(buffer, { headers: { 'content-type': type } }).formData();
    const entry = form.get('file');
    if (entry && typeof entry !== 'string') file = entry as unknown as UploadedPart;
  } catch {
    env.status = before;
    return failure(400, 'No file provided');
  }
  if (!file) {
    env.status = before;
    return failure(400, 'No file provided');
  }
  if (!isArchiveName(file.name)) {
    env.status = before;
    return failure(400, 'Only .tar.gz files are allowed');
  }
  if (file.size > MAX_PROFILE_BYTES) {
    env.status = before;
    return failure(400, 'File too large: profiles are limited to 500 MB');
  }
  const now = new Date().toISOString();
  Object.assign(env, { status: 'ready', blobSize: file.size, blobUploadedAt: now, updatedAt: now });
  return json(200, {
    success: true,
    message: 'Profile uploaded successfully',
    [v.key]: {
      _id: env._id,
      name: env.name,
      status: env.status,
      blobSize: env.blobSize,
      blobUploadedAt: env.blobUploadedAt,
    },
  });
}

function listFiles(store: EnvironmentStore, apiKey: string, id: string): Reply {
  const env = store.owned(apiKey, id);
  if (!env) return failure(404, 'Environment not found');
  return json(200, { success: true, files: env.files });
}

function deleteFile(store: EnvironmentStore, apiKey: string, id: string, fileId: string): Reply {
  const env = store.owned(apiKey, id);
  if (!env) return failure(404, 'Environment not found');
  const index = env.files.findIndex((f) => f.fileId === fileId);
  if (index < 0) return failure(404, 'File not found');
  env.files.splice(index, 1);
  return json(200, { success: true, message: 'File deleted' });
}

function download(ctx: SandboxContext, apiKey: string, id: string): Reply {
  const env = ctx.environments.owned(apiKey, id);
  if (!env) return failure(404, 'Profile not found');
  if (env.status !== 'ready' || env.blobSize === 0)
    return failure(400, 'Profile has no data to download');
  // A signed link, valid for an hour; the sandbox serves a small stand-in archive.
  const signature = hexId(16);
  return json(200, {
    success: true,
    downloadUrl: `${ctx.baseUrl}/__sandbox/profile/${env._id}.tar.gz?sig=${signature}&expires=${Date.now() + 3_600_000}`,
  });
}

/** Files uploaded with an environmentId belong to that environment (§1.5). */
export function attachUploadedFile(
  env: SimEnvironment,
  file: { id: string; filename: string; size: number },
): void {
  env.files.push({
    fileId: file.id,
    originalName: file.filename,
    size: file.size,
    createdAt: new Date().toISOString(),
  });
}
