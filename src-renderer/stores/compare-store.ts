// The one comparison open at a time: two runs side by side, computed by the core (runs.compare),
// from a task ("against the previous run"), two runs of a watch, or an alert.
import { create } from 'zustand';
import type { RunComparison } from '../../src-main/contract/watches';
import { deskClient } from '../api/desk-client';

export interface CompareRequest {
  before: string;
  /** null: `before` against the previous run of its watch or prompt. */
  after: string | null;
}

interface CompareState {
  request: CompareRequest | null;
  result: RunComparison | null;
  error: string | null;
  open(request: CompareRequest): Promise<void>;
  close(): void;
}

export const useCompareStore = create<CompareState>((set, get) => ({
  request: null,
  result: null,
  error: null,
  async open(request) {
    set({ request, result: null, error: null });
    try {
      const result = await deskClient().call('runs.compare', request);
      if (get().request === request) set({ result });
    } catch (error) {
      if (get().request === request) set({ error: (error as Error).message });
    }
  },
  close() {
    set({ request: null, result: null, error: null });
  },
}));
