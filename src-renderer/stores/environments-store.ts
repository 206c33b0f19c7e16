// WebRun environments (saved browser profiles): the list for the Environments view and for
// every environment picker, and the upload of a profile archive in pieces with its progress.
import { create } from 'zustand';
import { MAX_ARCHIVE_BYTES, UPLOAD_CHUNK_BYTES } from '../../src-main/contract/environment-limits';
import type { EnvironmentFileView, EnvironmentView } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

export interface UploadProgress {
  envId: string;
  filename: string;
  sent: number;
  size: number;
  /** True while WebRun receives the whole archive from the core. */
  finishing: boolean;
}

interface EnvironmentsState {
  environments: EnvironmentView[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  files: Record<string, EnvironmentFileView[] | undefined>;
  upload: UploadProgress | null;
  load(): Promise<void>;
  create(name: string, description: string): Promise<EnvironmentView | null>;
  remove(id: string): Promise<boolean>;
  loadFiles(id: string): Promise<void>;
  uploadArchive(id: string, file: File): Promise<boolean>;
}

/** What the browser can check before anything is sent: WebRun takes .tar.gz/.tgz up to 500 MB. */
export function archiveProblem(file: { name: string; size: number }): string | null {
  if (!/\.(tar\.gz|tgz)$/i.test(file.name))
    return `${file.name} is not a .tar.gz or .tgz archive. WebRun takes a Chrome profile only as a .tar.gz archive.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_ARCHIVE_BYTES)
    return `${file.name} is larger than 500 MB, the most WebRun accepts.`;
  return null;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const useEnvironmentsStore = create<EnvironmentsState>((set, get) => ({
  environments: [],
  loaded: false,
  loading: false,
  error: null,
  files: {},
  upload: null,
  async load() {
    set({ loading: true });
    try {
      set({
        environments: await deskClient().call('environments.list', {}),
        loading: false,
        loaded: true,
        error: null,
      });
    } catch (error) {
      set({ loading: false, loaded: true, error: (error as Error).message });
    }
  },
  async create(name, description) {
    const env = await attempt(() =>
      deskClient().call('environments.create', {
        name,
        ...(description.trim() ? { description } : {}),
      }),
    );
    if (env) {
      toastInfo(`Environment “${env.name}” created.`);
      await get().load();
    }
    return env;
  },
  async remove(id) {
    const done = await attempt(() => deskClient().call('environments.delete', { id }));
    await get().load();
    return done !== null;
  },
  async loadFiles(id) {
    const files = await attempt(() => deskClient().call('environments.files', { id }));
    if (files) set({ files: { ...get().files, [id]: files } });
  },
  async uploadArchive(id, file) {
    const client = deskClient();
    const started = await attempt(() =>
      client.call('environments.uploadStart', { id, filename: file.name, size: file.size }),
    );
    if (!started) return false;
    set({ upload: { envId: id, filename: file.name, sent: 0, size: file.size, finishing: false } });
    try {
      for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
        const bytes = new Uint8Array(
          await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer(),
        );
        const { received } = await client.call('environments.uploadChunk', {
          uploadId: started.uploadId,
          base64: base64Of(bytes),
        });
        set({
          upload: {
            envId: id,
            filename: file.name,
            sent: received,
            size: file.size,
            finishing: false,
          },
        });
      }
      set({
        upload: {
          envId: id,
          filename: file.name,
          sent: file.size,
          size: file.size,
          finishing: true,
        },
      });
      await client.call('environments.uploadFinish', { uploadId: started.uploadId });
      toastInfo(`Profile ${file.name} uploaded.`);
      return true;
    } catch (error) {
      await client
        .call('environments.uploadCancel', { uploadId: started.uploadId })
        .catch(() => {});
      await attempt(() => Promise.reject(error));
      return false;
    } finally {
      set({ upload: null });
      await get().load();
    }
  },
}));
