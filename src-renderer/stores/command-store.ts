// Commands from the desktop app's menu (File → New Task, …). The core pushes them as
// `app.command` events; the shell carries them out with the same code as the keyboard.
import { create } from 'zustand';
import type { AppCommand, DeskEvent } from '../../src-main/contract/index';

interface CommandState {
  /** The latest command, with a sequence number so the same command twice runs twice. */
  latest: { command: AppCommand; seq: number } | null;
  applyEvents(events: DeskEvent[]): void;
  /** Runs a command from inside the page (the command bar), like the menu would. */
  run(command: AppCommand): void;
}

export const useCommandStore = create<CommandState>((set, get) => ({
  latest: null,
  applyEvents(events) {
    for (const event of events) {
      if (event.name === 'app.command') get().run(event.payload.command);
    }
  },
  run(command) {
    set({ latest: { command, seq: (get().latest?.seq ?? 0) + 1 } });
  },
}));
