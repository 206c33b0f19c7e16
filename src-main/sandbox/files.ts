// In-memory file store behind POST /files/upload and the downloadUrl of result files, so a
// file listed in a task result really downloads from the sandbox.
import { hexId } from './random.ts';

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  content: Buffer;
  createdAt: number;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  put(filename: string, content: Buffer, contentType: string): StoredFile {
    // 24 hex chars, the shape of the ids WebRun shows for uploads and environments.
    const file: StoredFile = {
      id: hexId(12),
      filename,
      contentType,
      content,
      createdAt: Date.now(),
    };
    this.files.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  has(id: string): boolean {
    return this.files.has(id);
  }

  downloadUrl(baseUrl: string, file: StoredFile): string {
    return `${baseUrl}/files/download/${file.id}/${encodeURIComponent(file.filename)}`;
  }
}
