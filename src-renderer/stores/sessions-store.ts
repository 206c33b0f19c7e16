// Browser sessions at WebRun: open ones bill by the minute, so they are listed with age and
// cost and can be ended here.
import { create } from 'zustand';
import type { SessionView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { loadInto, NOT_LOADED, type Loadable } from './load-state';
import { attempt, toastInfo } from './toast-store';

interface SessionsState extends Loadable {
  sessions: SessionView[];
  load(): Promise<void>;
  terminate(id: string): Promise<void>;
  terminateStray(): Promise<void>;
}

export const useSessionsStore = create<SessionsState>((set, get) => ({
  sessions: [],
  ...NOT_LOADED,
  async load() {
    await loadInto<SessionsState, SessionView[]>(
      set,
      () => deskClient().call('sessions.list', {}),
      (sessions) => ({ sessions }),
    );
  },
  async terminate(id) {
    if (await attempt(() => deskClient().call('sessions.terminate', { id })))
      toastInfo('Session terminated.');
    await get().load();
  },
  async terminateStray() {
    const result = await attempt(() => deskClient().call('sessions.terminateStray', {}));
    if (result)
      toastInfo(
        `Terminated ${result.terminated} stray session${result.terminated === 1 ? '' : 's'}${result.failed.length ? `; ${result.failed.length} failed` : ''}.`,
      );
    await get().load();
  },
}));
