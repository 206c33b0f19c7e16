// Spend: the summary the core computes (the same numbers the CLI prints).
import { create } from 'zustand';
import type { SpendSummary } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';

interface SpendState extends Loadable {
  summary: SpendSummary | null;
  load(): Promise<void>;
}

export const useSpendStore = create<SpendState>((set) => ({
  summary: null,
  ...NOT_LOADED,
  async load() {
    await loadInto<SpendState, SpendSummary>(set, () => deskClient().call('spend.summary', { tzOffsetMinutes: -new Date().getTimezoneOffset(), days: 30 }), (summary) => ({ summary }));
  },
}));
