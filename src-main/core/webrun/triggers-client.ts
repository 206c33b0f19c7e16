// Triggers, WebRun's `/cron-jobs` (webrun-api.md §1.7): prompts WebRun runs on a schedule on
// its own side. Every endpoint, read leniently (ids as `_id` or `id`, fields missing as null).
import type { WebRunClient } from './client';
import { WebRunError } from './errors';

export interface CronJob {
  id: string;
  name: string;
  description: string;
  environmentId: string | null;
  scheduleType: 'at' | 'every' | 'cron';
  scheduleAt: string | null;
  scheduleInterval: string | null;
  scheduleCron: string | null;
  timezone: string;
  prompt: string;
  startingUrl: string | null;
  status: string;
  nextRunAt: string | null;
  consecutiveFailures: number;
  maxConsecutiveFailures: number;
  /** Why it paused, when WebRun says (the sandbox does for an auto-pause). */
  pausedReason: string | null;
  createdAt: string | null;
}

export interface CronRun {
  id: string;
  cronJobId: string;
  status: string;
  createdAt: string | null;
  completedAt: string | null;
  /** The task behind the run, when WebRun gives its ids. */
  sessionId: string | null;
  taskId: string | null;
  message: string | null;
  error: string | null;
  code: string | null;
  raw: Record<string, unknown>;
}

export interface RunsPage {
  runs: CronRun[];
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

/** The create body (the documented fields); a partial of it updates. */
export interface CronJobInput {
  name: string;
  description?: string;
  environmentId: string;
  scheduleType: 'at' | 'every' | 'cron';
  scheduleAt?: string;
  scheduleInterval?: string;
  scheduleCron?: string;
  timezone?: string;
  prompt: string;
  startingUrl?: string;
  outputType?: 'text' | 'structured';
  outputSchema?: unknown;
  deliveryMode?: 'webhook' | 'bot' | 'both';
  webhook?: { url: string; [key: string]: unknown };
  retryPolicy?: Record<string, unknown>;
  policyId?: string;
  maxConsecutiveFailures?: number;
}

type Rec = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

export function cronJobOf(value: unknown): CronJob | null {
  if (!value || typeof value !== 'object') return null;
  const j = value as Rec;
  const id = text(j._id) ?? text(j.id);
  if (!id) return null;
  const type = j.scheduleType === 'at' || j.scheduleType === 'every' ? j.scheduleType : 'cron';
  return {
    id,
    name: text(j.name) ?? id,
    description: typeof j.description === 'string' ? j.description : '',
    environmentId: text(j.environmentId),
    scheduleType: type,
    scheduleAt: text(j.scheduleAt),
    scheduleInterval: text(j.scheduleInterval),
    scheduleCron: text(j.scheduleCron),
    timezone: text(j.timezone) ?? 'UTC',
    prompt: typeof j.prompt === 'string' ? j.prompt : '',
    startingUrl: text(j.startingUrl),
    status: text(j.status) ?? 'active',
    nextRunAt: text(j.nextRunAt),
    consecutiveFailures: int(j.consecutiveFailures, 0),
    maxConsecutiveFailures: int(j.maxConsecutiveFailures, 5),
    pausedReason: text(j.pausedReason) ?? text(j.pauseReason),
    createdAt: text(j.createdAt),
  };
}

export function cronRunOf(value: unknown): CronRun | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Rec;
  const id = text(r._id) ?? text(r.id) ?? text(r.runId);
  if (!id) return null;
  const result = (r.result && typeof r.result === 'object' ? r.result : {}) as Rec;
  return {
    id,
    cronJobId: text(r.cronJobId) ?? '',
    status: text(r.status) ?? 'unknown',
    createdAt: text(r.createdAt),
    completedAt: text(r.completedAt),
    sessionId: text(r.sessionId),
    taskId: text(r.taskId),
    message: text(result.message) ?? text(r.message),
    error: text(r.error),
    code: text(r.code),
    raw: r,
  };
}

function bad(what: string, raw: string): WebRunError {
  return new WebRunError({
    kind: 'bad_response',
    message: `Unexpected answer to ${what}.`,
    details: { raw: raw.slice(0, 2000) },
  });
}

export class TriggersClient {
  constructor(private readonly http: Pick<WebRunClient, 'request' | 'baseUrl' | 'timeouts'>) {}

  async list(): Promise<CronJob[]> {
    const { body, raw } = await this.call('GET', '/cron-jobs');
    if (!Array.isArray(body.cronJobs)) throw bad('GET /cron-jobs', raw);
    return body.cronJobs.map(cronJobOf).filter((j): j is CronJob => j !== null);
  }

  /** The job with its 10 latest runs (summaries: id, status, createdAt). */
  async get(id: string): Promise<{ job: CronJob; recentRuns: CronRun[] }> {
    const { body, raw } = await this.call('GET', this.path(id));
    const job = cronJobOf(body.cronJob);
    if (!job) throw bad(`GET /cron-jobs/${id}`, raw);
    const runs = Array.isArray(body.recentRuns)
      ? body.recentRuns.map(cronRunOf).filter((r): r is CronRun => r !== null)
      : [];
    return { job, recentRuns: runs };
  }

  async create(input: CronJobInput): Promise<CronJob> {
    const { body, raw } = await this.call('POST', '/cron-jobs', input);
    const job = cronJobOf(body.cronJob);
    if (!job) throw bad('POST /cron-jobs', raw);
    return job;
  }

  /** Partial update; a schedule change makes WebRun compute nextRunAt again. */
  async update(id: string, patch: Partial<CronJobInput>): Promise<CronJob> {
    const { body, raw } = await this.call('PUT', this.path(id), patch);
    const job = cronJobOf(body.cronJob);
    if (!job) throw bad(`PUT /cron-jobs/${id}`, raw);
    return job;
  }

  async delete(id: string): Promise<void> {
    await this.call('DELETE', this.path(id));
  }

  /** The answer carries only some fields (`_id`, `status`, …); the rest come from a get. */
  async pause(id: string): Promise<{ status: string }> {
    const { body } = await this.call('POST', `${this.path(id)}/pause`);
    return { status: text((body.cronJob as Rec | undefined)?.status) ?? 'paused' };
  }

  async resume(id: string): Promise<{ status: string; nextRunAt: string | null }> {
    const { body } = await this.call('POST', `${this.path(id)}/resume`);
    const job = (body.cronJob ?? {}) as Rec;
    return { status: text(job.status) ?? 'active', nextRunAt: text(job.nextRunAt) };
  }

  /** Runs the job now, outside its schedule; the run shows up in the runs list. */
  async trigger(id: string): Promise<string> {
    const { body } = await this.call('POST', `${this.path(id)}/trigger`, undefined, false);
    return text(body.message) ?? 'Job triggered.';
  }

  /** Newest first; `limit` at most 50. */
  async runs(id: string, page = 1, limit = 20): Promise<RunsPage> {
    const query = `?page=${Math.max(1, Math.floor(page))}&limit=${Math.min(50, Math.max(1, Math.floor(limit)))}`;
    const { body, raw } = await this.call('GET', `${this.path(id)}/runs${query}`);
    if (!Array.isArray(body.runs)) throw bad(`GET /cron-jobs/${id}/runs`, raw);
    const p = (body.pagination ?? {}) as Rec;
    const runs = body.runs.map(cronRunOf).filter((r): r is CronRun => r !== null);
    return {
      runs,
      page: int(p.page, page),
      limit: int(p.limit, limit),
      total: int(p.total, runs.length),
      totalPages: int(p.totalPages, 1),
    };
  }

  async run(id: string, runId: string): Promise<CronRun> {
    const { body, raw } = await this.call(
      'GET',
      `${this.path(id)}/runs/${encodeURIComponent(runId)}`,
    );
    const run = cronRunOf(body.run);
    if (!run) throw bad(`GET /cron-jobs/${id}/runs/${runId}`, raw);
    return run;
  }

  private path(id: string): string {
    return `/cron-jobs/${encodeURIComponent(id)}`;
  }

  private async call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    idempotent = method !== 'POST',
  ): Promise<{ body: Rec; raw: string }> {
    const result = await this.http.request({
      method,
      url: `${this.http.baseUrl}${path}`,
      body,
      limited: false,
      // Creating or triggering twice makes two jobs or two paid runs: a lost answer is unknown.
      idempotent: idempotent || path.endsWith('/pause') || path.endsWith('/resume'),
      timeoutMs: this.http.timeouts.otherMs,
    });
    return result as { body: Rec; raw: string };
  }
}
