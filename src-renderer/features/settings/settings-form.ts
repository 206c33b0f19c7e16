// Settings as text fields and back: seconds and dollars for people, milliseconds and nulls
// for the core.
import type {
  BackendSettings,
  BudgetSettings,
  RunnerSettings,
} from '../../../src-main/contract/index';
import { MAX_BUDGET_CAP_USD, MAX_QUESTION_TIMEOUT_MS } from '../../../src-main/contract/limits';
import { formatUsd } from '../../format';
import type { Settings } from '../../stores/settings-store';

export interface SettingsForm {
  concurrency: string;
  pollSeconds: string;
  guardrailTimeoutSeconds: string;
  dailyCap: string;
  monthlyCap: string;
  stopRunningAtCap: boolean;
  runwayWarningDays: string;
  notifyOnTaskEnd: boolean;
}

export function settingsForm(s: Settings): SettingsForm {
  return {
    concurrency: String(s.runner.concurrency),
    pollSeconds: String(s.runner.pollIntervalMs / 1000),
    guardrailTimeoutSeconds:
      s.runner.guardrailTimeoutMs === null ? '' : String(s.runner.guardrailTimeoutMs / 1000),
    dailyCap: s.budget.dailyCap === null ? '' : String(s.budget.dailyCap),
    monthlyCap: s.budget.monthlyCap === null ? '' : String(s.budget.monthlyCap),
    stopRunningAtCap: s.budget.stopRunningAtCap,
    runwayWarningDays: String(s.budget.runwayWarningDays),
    notifyOnTaskEnd: s.runner.notifyOnTaskEnd,
  };
}

function cap(value: string, label: string): number | null | string {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n <= MAX_BUDGET_CAP_USD
    ? n
    : `${label} must be an amount above $0 and up to ${formatUsd(MAX_BUDGET_CAP_USD)}, or empty for no cap.`;
}

export type SettingsProblem = { field: keyof SettingsForm; error: string };

export function settingsPatch(
  form: SettingsForm,
): { runner: Partial<RunnerSettings>; budget: Partial<BudgetSettings> } | SettingsProblem {
  const concurrency = Number(form.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100)
    return { field: 'concurrency', error: 'Tasks at once must be a whole number from 1 to 100.' };
  const poll = Number(form.pollSeconds);
  if (!Number.isFinite(poll) || poll < 0.5 || poll > 60)
    return { field: 'pollSeconds', error: 'Poll interval must be from 0.5 to 60 seconds.' };
  let guardrailTimeoutMs: number | null = null;
  if (form.guardrailTimeoutSeconds.trim() !== '') {
    const seconds = Number(form.guardrailTimeoutSeconds);
    if (!Number.isFinite(seconds) || seconds < 10 || seconds > MAX_QUESTION_TIMEOUT_MS / 1000)
      return {
        field: 'guardrailTimeoutSeconds',
        error:
          'The question timeout must be from 10 to 300 seconds (WebRun ends a session after 5 minutes without activity), or empty for no limit of the app’s own.',
      };
    guardrailTimeoutMs = Math.round(seconds * 1000);
  }
  const dailyCap = cap(form.dailyCap, 'Daily cap');
  if (typeof dailyCap === 'string') return { field: 'dailyCap', error: dailyCap };
  const monthlyCap = cap(form.monthlyCap, 'Monthly cap');
  if (typeof monthlyCap === 'string') return { field: 'monthlyCap', error: monthlyCap };
  const runwayWarningDays = Number(form.runwayWarningDays);
  if (!Number.isInteger(runwayWarningDays) || runwayWarningDays < 1 || runwayWarningDays > 365)
    return {
      field: 'runwayWarningDays',
      error: 'Warn when the balance lasts fewer than this many days: a whole number from 1 to 365.',
    };
  return {
    runner: {
      concurrency,
      pollIntervalMs: Math.round(poll * 1000),
      guardrailTimeoutMs,
      notifyOnTaskEnd: form.notifyOnTaskEnd,
    },
    budget: { dailyCap, monthlyCap, stopRunningAtCap: form.stopRunningAtCap, runwayWarningDays },
  };
}

export interface BackendForm {
  baseUrl: string;
  generation: BackendSettings['generation'];
  forceSandbox: boolean;
}

export function backendForm(s: Settings): BackendForm {
  return {
    baseUrl: s.backend.baseUrl ?? '',
    generation: s.backend.generation,
    forceSandbox: s.backend.forceSandbox,
  };
}

/** An empty address means WebRun's own (or the sandbox without a key). */
export function backendPatch(form: BackendForm): Partial<BackendSettings> | string {
  const baseUrl = form.baseUrl.trim();
  if (baseUrl !== '') {
    try {
      const url = new URL(baseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return 'The address must start with http:// or https://.';
    } catch {
      return 'The address must be a full URL, such as https://webrun.example.com.';
    }
  }
  return {
    baseUrl: baseUrl === '' ? null : baseUrl,
    generation: form.generation,
    forceSandbox: form.forceSandbox,
  };
}
