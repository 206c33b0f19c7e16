// What the app is connected to: the backend (sandbox or WebRun), and the live link to the core.
import { create } from 'zustand';
import type { AppInfo } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import type { ConnectionState } from '../api/transport';

interface AppState {
  info: AppInfo | null;
  connection: ConnectionState;
  loadError: string | null;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  connection: 'connecting',
  loadError: null,
  async load() {
    try {
      set({ info: await deskClient().call('app.info', {}), loadError: null });
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
  },
}));

export function connectAppStore(): () => void {
  return deskClient().onConnection((connection) => useAppStore.setState({ connection }));
}
