// The preferences the running app works with: read once from the history database, changed
// through here (parsed, saved, then announced), so every reader sees the same values and a
// change takes effect without a restart, except for the backend, which says it needs one.
import {
  BackendSettings,
  BudgetSettings,
  RunnerSettings,
  type AllSettings,
  type SettingsPatch,
} from '../../contract/index';
import type { SettingsStore } from './settings-store';

export interface LiveSettingsOptions {
  store: SettingsStore;
  /** The backend settings this run started with: a later change needs a restart. */
  startedWith: BackendSettings;
  /** Whether the saved API key is no longer the one the running backend uses. */
  keyChanged: () => boolean;
}

/** Which parts of the settings a change touched, with their new values. */
export interface SettingsChange {
  runner?: RunnerSettings;
  budget?: BudgetSettings;
  backend?: BackendSettings;
}

export class LiveSettings {
  private runnerSettings: RunnerSettings;
  private budgetSettings: BudgetSettings;
  private backendSettings: BackendSettings;
  private readonly listeners = new Set<(change: SettingsChange) => void>();

  constructor(private readonly o: LiveSettingsOptions) {
    this.runnerSettings = o.store.get('runner', RunnerSettings);
    this.budgetSettings = o.store.get('budget', BudgetSettings);
    this.backendSettings = o.store.get('backend', BackendSettings);
  }

  get runner(): RunnerSettings {
    return this.runnerSettings;
  }

  get budget(): BudgetSettings {
    return this.budgetSettings;
  }

  get(): AllSettings {
    return {
      runner: this.runnerSettings,
      budget: this.budgetSettings,
      backend: this.backendSettings,
      restartRequired: this.restartRequired(),
    };
  }

  /** Merges, checks and saves each part given, then tells the listeners what changed. */
  update(patch: SettingsPatch): AllSettings {
    const change: SettingsChange = {};
    if (patch.runner) {
      this.runnerSettings = change.runner = RunnerSettings.parse({
        ...this.runnerSettings,
        ...patch.runner,
      });
      this.o.store.set('runner', this.runnerSettings);
    }
    if (patch.budget) {
      this.budgetSettings = change.budget = BudgetSettings.parse({
        ...this.budgetSettings,
        ...patch.budget,
      });
      this.o.store.set('budget', this.budgetSettings);
    }
    if (patch.backend) {
      this.backendSettings = change.backend = BackendSettings.parse({
        ...this.backendSettings,
        ...patch.backend,
      });
      this.o.store.set('backend', this.backendSettings);
    }
    for (const listener of this.listeners) listener(change);
    return this.get();
  }

  /**
   * Reads the runner and budget settings again: another process on the same history (the
   * app beside an MCP server) may have saved new ones. This process's queue pause is its own.
   */
  reload(): void {
    this.runnerSettings = {
      ...this.o.store.get('runner', RunnerSettings),
      queuePaused: this.runnerSettings.queuePaused,
    };
    this.budgetSettings = this.o.store.get('budget', BudgetSettings);
  }

  onChange(listener: (change: SettingsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private restartRequired(): boolean {
    return (
      JSON.stringify(this.backendSettings) !== JSON.stringify(this.o.startedWith) ||
      this.o.keyChanged()
    );
  }
}
