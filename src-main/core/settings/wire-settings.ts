// The preferences a desk runs with (live-settings.ts): read from the history, changed through
// here and announced to the modules that follow them. The backend and the API key take effect
// at the next start, which the settings say (restartRequired).
import type { BackendSettings } from '../../contract/index';
import type { SecretStore } from '../secrets/secret-store';
import { LiveSettings } from './live-settings';
import type { SettingsStore } from './settings-store';

export function wireSettings(o: {
  settingsStore: SettingsStore;
  /** The backend settings this run started with. */
  startedWith: BackendSettings;
  secrets: Pick<SecretStore, 'apiKey'>;
  /** The key the running backend was started with (null: the sandbox). */
  activeApiKey: string | null;
}): LiveSettings {
  return new LiveSettings({
    store: o.settingsStore,
    startedWith: o.startedWith,
    keyChanged: () => (o.secrets.apiKey() ?? null) !== o.activeApiKey,
  });
}
