// /cron-jobs (webrun-api.md §1.7): create (201), list, get with its 10 latest runs, partial
// update, delete, pause, resume, trigger now, and the runs with pagination.
import type { SandboxContext } from './context.ts';
import { type Reply, failure, json } from './http.ts';
import { hexId } from './random.ts';
import type { RouteDef } from './router.ts';
import { jobBody, readJobFields } from './trigger-fields.ts';
import type { SimCronJob, SimRun, TriggerEngine } from './triggers.ts';
import { userIdOf } from './environments.ts';

export const MAX_CRON_JOBS = 50;
const NOT_FOUND = 'Cron job not found';

export function triggerRoutes(ctx: SandboxContext, engine: TriggerEngine): RouteDef[] {
  const job = (apiKey: string | null, id: string | undefined) => engine.get(apiKey ?? '', id ?? '');
  return [
    {
      method: 'GET',
      path: '/cron-jobs',
      auth: 'required',
      handle: ({ apiKey }) =>
        json(200, {
          success: true,
          cronJobs: engine.list(apiKey ?? '').map((s) => jobBody(s.job)),
        }),
    },
    {
      method: 'POST',
      path: '/cron-jobs',
      auth: 'required',
      body: 'json',
      handle: ({ body, apiKey }) => create(ctx, engine, body, apiKey ?? ''),
    },
    {
      method: 'GET',
      path: '/cron-jobs/:id',
      auth: 'required',
      handle: ({ params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        const recentRuns = state.runs
          .slice(0, 10)
          .map(({ _id, cronJobId, status, createdAt }) => ({ _id, cronJobId, status, createdAt }));
        return json(200, { success: true, cronJob: jobBody(state.job), recentRuns });
      },
    },
    {
      method: 'PUT',
      path: '/cron-jobs/:id',
      auth: 'required',
      body: 'json',
      handle: ({ params, body, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        const fields = readJobFields(body, state.job);
        if (!fields.ok) return failure(fields.status, fields.message);
        if (
          fields.value.environmentId &&
          !ctx.environments.owned(apiKey ?? '', fields.value.environmentId)
        )
          return failure(404, 'Environment not found');
        const scheduleChanged = [
          'scheduleType',
          'scheduleAt',
          'scheduleInterval',
          'scheduleCron',
          'timezone',
        ].some((k) => k in body);
        Object.assign(state.job, fields.value, { updatedAt: new Date().toISOString() });
        // A new schedule recomputes nextRunAt; an `at` job given a new time is active again.
        if (scheduleChanged) {
          if (state.job.status === 'completed') state.job.status = 'active';
          engine.reschedule(state);
        }
        return json(200, { success: true, cronJob: jobBody(state.job) });
      },
    },
    {
      method: 'DELETE',
      path: '/cron-jobs/:id',
      auth: 'required',
      handle: ({ params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        engine.delete(state);
        return json(200, { success: true, message: 'Cron job deleted' });
      },
    },
    {
      method: 'POST',
      path: '/cron-jobs/:id/pause',
      auth: 'required',
      handle: ({ params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        if (state.job.status !== 'active')
          return failure(400, `Cannot pause a job with status "${state.job.status}"`);
        engine.pause(state, null);
        return json(200, {
          success: true,
          cronJob: { _id: state.job._id, status: state.job.status },
        });
      },
    },
    {
      method: 'POST',
      path: '/cron-jobs/:id/resume',
      auth: 'required',
      handle: ({ params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        if (state.job.status !== 'paused')
          return failure(400, `Cannot resume a job with status "${state.job.status}"`);
        engine.resume(state);
        const { _id, status, consecutiveFailures, nextRunAt } = state.job;
        return json(200, {
          success: true,
          cronJob: { _id, status, consecutiveFailures, nextRunAt },
        });
      },
    },
    {
      method: 'POST',
      path: '/cron-jobs/:id/trigger',
      auth: 'required',
      handle: ({ params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        engine.run(state, 'manual');
        return json(200, {
          success: true,
          message: 'Job triggered. Check runs endpoint for results.',
        });
      },
    },
    {
      method: 'GET',
      path: '/cron-jobs/:id/runs',
      auth: 'required',
      handle: ({ req, params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        return runsPage(state.runs, new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
      },
    },
    {
      method: 'GET',
      path: '/cron-jobs/:id/runs/:runId',
      auth: 'required',
      handle: ({ params, apiKey }) => {
        const state = job(apiKey, params.id);
        if (!state) return failure(404, NOT_FOUND);
        const run = state.runs.find((r) => r._id === params.runId);
        return run ? json(200, { success: true, run }) : failure(404, 'Run not found');
      },
    },
  ];
}

function create(
  ctx: SandboxContext,
  engine: TriggerEngine,
  body: Record<string, unknown>,
  apiKey: string,
): Reply {
  const fields = readJobFields(body, null);
  if (!fields.ok) return failure(fields.status, fields.message);
  if (engine.list(apiKey).length >= MAX_CRON_JOBS)
    return failure(400, `Maximum of ${MAX_CRON_JOBS} cron jobs per user`);
  if (!ctx.environments.owned(apiKey, fields.value.environmentId ?? ''))
    return failure(404, 'Environment not found');
  const now = new Date().toISOString();
  const job: SimCronJob = {
    _id: hexId(12),
    userId: userIdOf(apiKey),
    description: '',
    policyId: null,
    startingUrl: null,
    outputType: 'text',
    outputSchema: null,
    deliveryMode: 'webhook',
    webhook: null,
    retryPolicy: null,
    maxConsecutiveFailures: 5,
    scheduleAt: null,
    scheduleInterval: null,
    scheduleCron: null,
    ...(fields.value as Pick<
      SimCronJob,
      'name' | 'prompt' | 'environmentId' | 'scheduleType' | 'timezone'
    >),
    status: 'active',
    consecutiveFailures: 0,
    nextRunAt: null,
    lastRunAt: null,
    pausedReason: null,
    createdAt: now,
    updatedAt: now,
  };
  const state = engine.add(apiKey, job);
  return json(201, { success: true, cronJob: jobBody(state.job) });
}

/** `?page=1&limit=20`, newest first; limit at most 50. */
function runsPage(runs: SimRun[], query: URLSearchParams): Reply {
  const int = (name: string, fallback: number): number => {
    const n = Number(query.get(name));
    return Number.isInteger(n) && n >= 1 ? n : fallback;
  };
  const limit = Math.min(50, int('limit', 20));
  const page = int('page', 1);
  const total = runs.length;
  return json(200, {
    success: true,
    runs: runs.slice((page - 1) * limit, page * limit),
    pagination: { page, limit, total, totalPages: Math.max(1, Math.ceil(total / limit)) },
  });
}
