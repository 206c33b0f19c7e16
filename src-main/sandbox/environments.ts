// Environments (= profiles, webrun-api.md §1.7): a browser's saved cookies, storage and files,
// per user. What makes them worth having is simulated here: the sites a session logged into
// are remembered by its environment once the session ends (WebRun saves the profile back
// then), so a later task with the same environment is not asked to log in again.
import { hexId } from './random.ts';

export const MAX_ENVIRONMENTS = 20;
export const MAX_PROFILE_BYTES = 500 * 1024 * 1024;
/** What a profile saved back after a session weighs in the sandbox. */
const SAVED_PROFILE_BYTES = 256 * 1024;

export type EnvironmentStatus = 'empty' | 'uploading' | 'ready';

export interface EnvFile {
  fileId: string;
  originalName: string;
  size: number;
  createdAt: string;
}

export interface SimEnvironment {
  _id: string;
  userId: string;
  name: string;
  description: string;
  status: EnvironmentStatus;
  blobSize: number;
  blobUploadedAt: string | null;
  lastUsedAt: string | null;
  usageCount: number;
  createdAt: string;
  updatedAt: string;
  files: EnvFile[];
  /** Hostnames the saved browser profile is logged into. */
  logins: Set<string>;
}

/** The user id a key stands for: the sandbox has no accounts, so it is derived from the key. */
export function userIdOf(apiKey: string): string {
  let hash = 0;
  for (const ch of apiKey) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(8, '0').repeat(3);
}

export class EnvironmentStore {
  private readonly byId = new Map<string, SimEnvironment>();

  /** Newest first, as GET /profiles documents. */
  list(apiKey: string): SimEnvironment[] {
    return [...this.byId.values()].filter((e) => e.userId === userIdOf(apiKey)).reverse();
  }

  count(apiKey: string): number {
    return this.list(apiKey).length;
  }

  create(apiKey: string, name: string, description: string): SimEnvironment {
    const now = new Date().toISOString();
    const env: SimEnvironment = {
      _id: hexId(12),
      userId: userIdOf(apiKey),
      name,
      description,
      status: 'empty',
      blobSize: 0,
      blobUploadedAt: null,
      lastUsedAt: null,
      usageCount: 0,
      createdAt: now,
      updatedAt: now,
      files: [],
      logins: new Set(),
    };
    this.byId.set(env._id, env);
    return env;
  }

  /** Only the owner sees an environment; anyone else gets "not found". */
  owned(apiKey: string, id: string): SimEnvironment | undefined {
    const env = this.byId.get(id);
    return env && env.userId === userIdOf(apiKey) ? env : undefined;
  }

  delete(apiKey: string, id: string): boolean {
    if (!this.owned(apiKey, id)) return false;
    this.byId.delete(id);
    return true;
  }

  /** A session bound to this environment started. */
  used(env: SimEnvironment): void {
    env.lastUsedAt = new Date().toISOString();
    env.usageCount += 1;
  }

  /** The profile is saved back when a session ends, with the logins it made: it now has data. */
  saveBack(env: SimEnvironment, logins: Iterable<string>): void {
    let added = 0;
    for (const site of logins) {
      if (!env.logins.has(site)) added += 1;
      env.logins.add(site);
    }
    const now = new Date().toISOString();
    // A browser profile after a session: cookies, storage, cache; a rough size, more per login.
    env.blobSize = Math.max(env.blobSize, SAVED_PROFILE_BYTES) + added * 4096;
    env.blobUploadedAt = now;
    env.updatedAt = now;
    env.status = 'ready';
  }
}

/** The public shape of an environment (its logins are the browser's business, not the API's). */
export function environmentBody(env: SimEnvironment): Record<string, unknown> {
  const { files: _files, logins: _logins, ...rest } = env;
  return rest;
}
