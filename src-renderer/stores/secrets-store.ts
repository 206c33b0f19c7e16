// What the UI may know about secrets: whether a key is set and which sites have credentials.
// Values only ever pass through (from a field straight into a core call) and are never held
// here, so no store, log or devtools snapshot can show them.
import { create } from 'zustand';
import type { SecretStatus } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';
import { attempt, toastInfo } from './toast-store';

interface SecretsState extends Loadable {
  status: SecretStatus | null;
  /** The key changed since the core started; it takes effect at the next start. */
  restartRequired: boolean;
  load(): Promise<void>;
  /** Resolves true when the core accepted the key. */
  setApiKey(apiKey: string): Promise<boolean>;
  clearApiKey(): Promise<void>;
  saveCredentials(match: string, fields: Record<string, string>): Promise<boolean>;
  deleteCredentials(match: string): Promise<void>;
}

export const useSecretsStore = create<SecretsState>((set) => ({
  status: null,
  restartRequired: false,
  ...NOT_LOADED,
  async load() {
    await loadInto<SecretsState, SecretStatus>(
      set,
      () => deskClient().call('secrets.status', {}),
      (status) => ({ status }),
    );
  },
  async setApiKey(apiKey) {
    const result = await attempt(() => deskClient().call('secrets.setApiKey', { apiKey }));
    if (!result) return false;
    const { restartRequired, ...status } = result;
    set({ status, restartRequired });
    toastInfo('API key saved.');
    return true;
  },
  async clearApiKey() {
    const result = await attempt(() => deskClient().call('secrets.clearApiKey', {}));
    if (!result) return;
    const { restartRequired, ...status } = result;
    set({ status, restartRequired });
    toastInfo('API key removed.');
  },
  async saveCredentials(match, fields) {
    const status = await attempt(() => deskClient().call('credentials.save', { match, fields }));
    if (!status) return false;
    set({ status });
    toastInfo(`Credentials for ${match} saved.`);
    return true;
  },
  async deleteCredentials(match) {
    const status = await attempt(() => deskClient().call('credentials.delete', { match }));
    if (!status) return;
    set({ status });
    toastInfo(`Credentials for ${match} deleted.`);
  },
}));
