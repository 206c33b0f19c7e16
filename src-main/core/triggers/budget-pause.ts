// A budget cap reached by trigger runs pauses the triggers the user chose to cap, through
// WebRun's own pause endpoint (the runs happen on WebRun's side: the app cannot just stop
// sending them). Which triggers are capped, and which the app paused and why, are kept in the
// settings table; resuming a trigger forgets the app's reason.
import { z } from 'zod';
import type { BudgetStatus } from '../../contract/schemas';
import type { SettingsStore } from '../settings/settings-store';
import type { CronJob, TriggersClient } from '../webrun/triggers-client';

export const TriggerPrefs = z.object({
  /** Triggers the app pauses when a budget cap is reached. */
  capped: z.array(z.string()).default([]),
  /** Triggers the app paused for the budget, with the reason shown to the user. */
  pausedByBudget: z.record(z.string(), z.string()).default({}),
});
export type TriggerPrefs = z.infer<typeof TriggerPrefs>;

const KEY = 'triggers';

export class TriggerPrefsStore {
  constructor(private readonly settings: SettingsStore) {}

  get(): TriggerPrefs {
    return this.settings.get(KEY, TriggerPrefs);
  }

  update(change: (prefs: TriggerPrefs) => TriggerPrefs): TriggerPrefs {
    const next = TriggerPrefs.parse(change(this.get()));
    this.settings.set(KEY, next);
    return next;
  }
}

/** Which active triggers to pause now: the capped ones, once a cap is reached. Pure. */
export function triggersToPause(
  budget: BudgetStatus,
  capped: readonly string[],
  jobs: readonly CronJob[],
): CronJob[] {
  if (budget.level !== 'blocked') return [];
  return jobs.filter((job) => job.status === 'active' && capped.includes(job.id));
}

/** Pauses the capped triggers at WebRun when the budget says so; returns the ids paused. */
export async function pauseCappedTriggers(
  budget: BudgetStatus,
  prefs: TriggerPrefsStore,
  triggers: Pick<TriggersClient, 'list' | 'pause'>,
  log: (line: string) => void,
): Promise<string[]> {
  const { capped } = prefs.get();
  if (budget.level !== 'blocked' || capped.length === 0) return [];
  const due = triggersToPause(budget, capped, await triggers.list());
  const paused: string[] = [];
  for (const job of due) {
    try {
      await triggers.pause(job.id);
      paused.push(job.id);
    } catch (error) {
      log(`Could not pause trigger ${job.name} at the budget cap: ${(error as Error).message}`);
    }
  }
  if (paused.length > 0) {
    const reason = `Paused by WebRun Desk: ${budget.message ?? 'a budget cap is reached.'}`;
    prefs.update((p) => ({
      ...p,
      pausedByBudget: {
        ...p.pausedByBudget,
        ...Object.fromEntries(paused.map((id) => [id, reason])),
      },
    }));
  }
  return paused;
}
