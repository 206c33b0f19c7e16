// The fields of a cron job (webrun-api.md §1.7): checked on create and on a partial update
// with the documented 400 messages, and turned into the run-task request each run makes.
import { checkSchedule, type ScheduleType } from '../contract/schedule.ts';
import type { TaskRequest } from './request.ts';
import type { SimCronJob } from './triggers.ts';

type Obj = Record<string, unknown>;
export type FieldCheck =
  { ok: true; value: Partial<SimCronJob> } | { ok: false; status: number; message: string };

const DELIVERY = ['webhook', 'bot', 'both'];
const OBJECT_ID = /^[a-f0-9]{24}$/i;

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function bad(message: string): FieldCheck {
  return { ok: false, status: 400, message };
}

/**
 * Reads the fields present in `body`. `create` requires name, prompt, environmentId and a
 * schedule; an update checks only what it changes, merged with `current`.
 */
export function readJobFields(body: Obj, current: SimCronJob | null): FieldCheck {
  const create = current === null;
  const out: Partial<SimCronJob> = {};
  if (create || 'name' in body) {
    const name = str(body.name);
    if (!name) return bad('name is required');
    out.name = name;
  }
  if (create || 'prompt' in body) {
    const prompt = str(body.prompt);
    if (!prompt) return bad('prompt is required');
    out.prompt = prompt;
  }
  if (create || 'environmentId' in body) {
    const env = str(body.environmentId);
    if (!env || !OBJECT_ID.test(env)) return bad('Valid environmentId is required');
    out.environmentId = env;
  }
  if ('description' in body)
    out.description = typeof body.description === 'string' ? body.description : '';
  if ('startingUrl' in body) out.startingUrl = str(body.startingUrl);
  if ('policyId' in body) out.policyId = str(body.policyId);
  if ('outputSchema' in body) out.outputSchema = body.outputSchema ?? null;
  if ('retryPolicy' in body) out.retryPolicy = body.retryPolicy ?? null;
  if ('webhook' in body) out.webhook = body.webhook ?? null;
  if ('outputType' in body) {
    // The triggers page knows "text" and "structured"; the newer names are accepted too.
    if (body.outputType === 'text') out.outputType = 'text';
    else if (body.outputType === 'structured' || body.outputType === 'structured_json')
      out.outputType = 'structured';
    else return bad('outputType must be one of: text, structured');
  }
  if ('deliveryMode' in body) {
    if (typeof body.deliveryMode !== 'string' || !DELIVERY.includes(body.deliveryMode))
      return bad('deliveryMode must be one of: webhook, bot, both');
    out.deliveryMode = body.deliveryMode as SimCronJob['deliveryMode'];
  }
  if ('maxConsecutiveFailures' in body) {
    const n = body.maxConsecutiveFailures;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100)
      return bad('maxConsecutiveFailures must be a whole number from 1 to 100');
    out.maxConsecutiveFailures = n;
  }
  const delivery = out.deliveryMode ?? current?.deliveryMode ?? 'webhook';
  const webhook = 'webhook' in out ? out.webhook : current?.webhook;
  if (delivery !== 'bot' && !isWebhook(webhook))
    return bad('webhook config is required when deliveryMode includes webhook');

  const scheduleKeys = [
    'scheduleType',
    'scheduleAt',
    'scheduleInterval',
    'scheduleCron',
    'timezone',
  ];
  if (create || scheduleKeys.some((k) => k in body)) {
    const type = (body.scheduleType ?? current?.scheduleType) as ScheduleType | undefined;
    if (type !== 'at' && type !== 'every' && type !== 'cron')
      return bad('scheduleType must be one of: at, every, cron');
    const pickStr = (
      key: 'scheduleAt' | 'scheduleInterval' | 'scheduleCron' | 'timezone',
    ): string | null =>
      key in body ? str(body[key]) : ((current?.[key] as string | null | undefined) ?? null);
    const checked = checkSchedule({
      scheduleType: type,
      scheduleAt: pickStr('scheduleAt'),
      scheduleInterval: pickStr('scheduleInterval'),
      scheduleCron: pickStr('scheduleCron'),
      timezone: pickStr('timezone'),
    });
    if (!checked.ok) return bad(checked.message);
    Object.assign(out, {
      scheduleType: type,
      scheduleAt: type === 'at' ? checked.value.scheduleAt : null,
      scheduleInterval: type === 'every' ? checked.value.scheduleInterval : null,
      scheduleCron: type === 'cron' ? checked.value.scheduleCron : null,
      timezone: checked.value.timezone,
    });
  }
  return { ok: true, value: out };
}

function isWebhook(value: unknown): boolean {
  return !!value && typeof value === 'object' && typeof (value as Obj).url === 'string';
}

/** The run-task request a run of this job makes (its environment is bound by the session). */
export function runRequest(job: SimCronJob): TaskRequest {
  return {
    spec: {
      prompt: job.prompt,
      startingUrl: job.startingUrl,
      maxDurationMs: 300_000,
      outputType: job.outputType === 'structured' ? 'structured_json' : 'text',
      outputSchema: job.outputSchema ?? null,
    },
    terminateOnCompletion: true,
    fileIds: [],
    environmentId: job.environmentId,
  };
}

/** The documented list/get shape of a job (the sandbox's own pausedReason rides along). */
export function jobBody(job: SimCronJob): Record<string, unknown> {
  return { ...job };
}
