// Runner, budget and backend settings (stored by the core) and the theme (stored in this
// browser). Backend changes apply at the next start; the core says when one is pending.
import { create } from 'zustand';
import type {
  BackendSettings,
  BudgetSettings,
  MethodOutput,
  RunnerSettings,
} from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { useQueueStore } from './queue-store';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';
import { attempt, toastInfo } from './toast-store';

export type Theme = 'light' | 'dark' | 'system';
const THEME_KEY = 'webrun-desk-theme';

export type Settings = MethodOutput<'settings.get'>;

export interface SettingsPatch {
  runner?: Partial<RunnerSettings>;
  budget?: Partial<BudgetSettings>;
  backend?: Partial<BackendSettings>;
}

interface SettingsState extends Loadable {
  settings: Settings | null;
  theme: Theme;
  load(): Promise<void>;
  /** Resolves to what the core stored, or null when it refused (a toast says why). */
  save(patch: SettingsPatch): Promise<Settings | null>;
  setTheme(theme: Theme): void;
}

function storedTheme(): Theme {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** `system` removes the attribute so the stylesheet follows prefers-color-scheme. */
let followSystem: (() => void) | null = null;

/** Sets light or dark on <html>; "system" follows the OS setting, also when it changes later. */
export function applyTheme(theme: Theme): void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  if (followSystem) query.removeEventListener('change', followSystem);
  followSystem = null;
  const resolve = (): void => {
    document.documentElement.dataset.theme =
      theme === 'dark' || (theme === 'system' && query.matches) ? 'dark' : 'light';
  };
  resolve();
  if (theme === 'system') {
    followSystem = resolve;
    query.addEventListener('change', resolve);
  }
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  theme: storedTheme(),
  ...NOT_LOADED,
  async load() {
    await loadInto<SettingsState, Settings>(
      set,
      () => deskClient().call('settings.get', {}),
      (settings) => ({ settings }),
    );
  },
  async save(patch) {
    const settings = await attempt(() => deskClient().call('settings.update', patch));
    if (!settings) return null;
    set({ settings });
    toastInfo('Settings saved.');
    // Concurrency shows in the queue status; fetch it now rather than wait for an event.
    void useQueueStore.getState().load();
    return settings;
  },
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    applyTheme(theme);
    set({ theme });
  },
}));
