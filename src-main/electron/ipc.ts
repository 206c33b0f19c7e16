// The Electron adapter of the contract: one ipcMain.handle per method, all registered by
// this one wrapper. Each call proves it comes from our window's main frame before its input
// is even parsed; everything after that is the shared dispatch().
import { dispatch } from '../contract/dispatch';
import type { DeskHandlers, Envelope } from '../contract/index';
import { callChannel, METHOD_NAMES } from '../contract/names';

/** The parts of Electron's IPC types this module relies on (kept structural for tests). */
export interface FrameLike {
  url: string;
}
export interface InvokeEventLike {
  sender: { id: number; mainFrame: FrameLike };
  senderFrame: FrameLike | null;
}
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface TrustedSender {
  /** webContents.id of our own window. */
  webContentsId: () => number | null;
  /** Origins our pages load from (file:// in production, the dev server in development). */
  isAppUrl: (url: string) => boolean;
}

/** Electron security checklist #17: validate the sender of all IPC messages. */
export function senderRefusal(event: InvokeEventLike, trusted: TrustedSender): string | null {
  const frame = event.senderFrame;
  if (frame === null) return 'sender frame is gone';
  if (event.sender.id !== trusted.webContentsId()) return 'sender is not our window';
  if (frame !== event.sender.mainFrame) return 'sender is not the main frame';
  if (!trusted.isAppUrl(frame.url)) return 'sender frame is not showing our app';
  return null;
}

export function registerContract(
  ipcMain: IpcMainLike,
  handlers: DeskHandlers,
  trusted: TrustedSender,
  onInternalError?: (method: string, error: unknown) => void,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(callChannel(method), async (event, input): Promise<Envelope<unknown>> => {
      const refusal = senderRefusal(event, trusted);
      if (refusal)
        return { ok: false, error: { code: 'forbidden', message: `Refused: ${refusal}.` } };
      return dispatch(handlers, method, input, { onInternalError });
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(callChannel(method));
  };
}
