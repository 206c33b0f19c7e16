// Sandboxed preload, bundled as one CommonJS file that requires only `electron`. It exposes
// exactly the contract's method names and the events channel, nothing else: the renderer
// never gets ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callChannel, EVENTS_CHANNEL, isMethodName } from '../contract/names';

const bridge = {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `Unknown method: ${String(method)}` },
      });
    }
    return ipcRenderer.invoke(callChannel(method), input);
  },
  onEvents(listener: (events: unknown) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, events: unknown): void => listener(events);
    ipcRenderer.on(EVENTS_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENTS_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('deskBridge', bridge);
