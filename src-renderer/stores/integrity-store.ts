// The history database's last integrity check, as the core reports it (app.integrity).
import { create } from 'zustand';
import type { IntegrityStatus } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';

interface IntegrityState {
  status: IntegrityStatus | null;
  error: string | null;
  load(): Promise<void>;
}

export const useIntegrityStore = create<IntegrityState>((set) => ({
  status: null,
  error: null,
  async load() {
    try {
      set({ status: await deskClient().call('app.integrity', {}), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));
