// Spend: the summary the core computes (the same numbers the CLI prints).
import { create } from 'zustand';
import type { SpendSummary } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';

interface SpendState {
  summary: SpendSummary | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useSpendStore = create<SpendState>((set) => ({
  summary: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true });
    try {
      const summary = await deskClient().call('spend.summary', { tzOffsetMinutes: -new Date().getTimezoneOffset(), days: 30 });
      set({ summary, loading: false, error: null });
    } catch (error) {
      set({ loading: false, error: (error as Error).message });
    }
  },
}));
