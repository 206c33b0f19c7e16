// Attachments on their way to WebRun's /files/upload. Only the answer (file ids, names and
// sizes) is kept by the composer; the bytes pass through once.
import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { attempt } from './toast-store';

type Upload = MethodInput<'files.upload'>['files'][number];

interface FilesState {
  uploading: number;
  upload(files: Upload[]): Promise<MethodOutput<'files.upload'> | null>;
  /** Opens a downloaded file's local copy (see DeskClient.openFile). */
  open(taskId: string, filename: string): Promise<void>;
}

export const useFilesStore = create<FilesState>((set, get) => ({
  uploading: 0,
  async open(taskId, filename) {
    await attempt(() => deskClient().openFile(taskId, filename));
  },
  async upload(files) {
    set({ uploading: get().uploading + files.length });
    try {
      return await attempt(() => deskClient().call('files.upload', { files }));
    } finally {
      set({ uploading: get().uploading - files.length });
    }
  },
}));
