// Where settings come from when no UI has set them: the environment, then defaults. The
// API key is read here and handed to the client only; it is never stored or sent to a UI.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_BASE_URL = 'https://connect.webrun.ai';

/** The per-user data folder, following each platform's convention. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'WebRun Desk');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'WebRun Desk');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'webrun-desk');
}

export interface ResolvedConfig {
  apiKey: string | null;
  baseUrl: string | null;
  dbPath: string;
  sandboxTimeScale: number;
  /** Scales only the sandbox's 5-minute inactivity expiry; 1 (real time) unless set. */
  sandboxExpiryScale: number;
  /** The sandbox account's balance in USD (simulated spend runs it down); null: unlimited. */
  sandboxBalance: number | null;
  /** How long the shared sandbox of a history stays with no request and no task (default 10 min). */
  sandboxQuietMs: number | undefined;
}

export function resolveConfig(
  overrides: Partial<ResolvedConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig {
  const scale = Number(env.WEBRUN_SANDBOX_TIME_SCALE);
  const expiry = Number(env.WEBRUN_SANDBOX_EXPIRY_SCALE);
  const quiet = Number(env.WEBRUN_SANDBOX_QUIET_MS);
  const balance = env.WEBRUN_SANDBOX_BALANCE?.trim() ? Number(env.WEBRUN_SANDBOX_BALANCE) : NaN;
  return {
    apiKey: overrides.apiKey ?? (env.WEBRUN_API_KEY?.trim() || null),
    baseUrl: overrides.baseUrl ?? (env.WEBRUN_BASE_URL?.trim() || null),
    dbPath:
      overrides.dbPath ?? (env.WEBRUN_DESK_DB?.trim() || join(defaultDataDir(env), 'history.db')),
    // Simulated tasks at one tenth of real time: a typical 20 s task shows its progress in 2 s.
    sandboxTimeScale:
      overrides.sandboxTimeScale ?? (Number.isFinite(scale) && scale > 0 ? scale : 0.1),
    // Tasks run faster than life, but a person still needs real minutes to answer a question.
    sandboxExpiryScale:
      overrides.sandboxExpiryScale ?? (Number.isFinite(expiry) && expiry > 0 ? expiry : 1),
    sandboxBalance:
      overrides.sandboxBalance ?? (Number.isFinite(balance) && balance >= 0 ? balance : null),
    sandboxQuietMs:
      overrides.sandboxQuietMs ?? (Number.isFinite(quiet) && quiet > 0 ? quiet : undefined),
  };
}
