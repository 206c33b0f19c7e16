// POST /files/upload (webrun-api.md §1.5): the multipart body and the answer's lenient reading.
// Built on the global FormData/Blob so fetch writes the boundary itself and no dependency is needed.
import { WebRunError } from './errors';
import { isRecord, text, type Rec } from './json-read';

export interface UploadFile {
  name: string;
  data: Uint8Array | Blob;
  /** MIME type; defaults to the Blob's own type, else application/octet-stream. */
  type?: string;
}

export interface UploadedFile {
  fileId: string;
  originalName: string;
  /** Bytes, as WebRun reports them (or as sent, when the answer leaves it out). */
  size: number;
}

function toBlob(file: UploadFile): Blob {
  if (file.data instanceof Blob) {
    return file.type && file.type !== file.data.type
      ? new Blob([file.data], { type: file.type })
      : file.data;
  }
  // Copy into a plain ArrayBuffer-backed view: a view over a SharedArrayBuffer is not a BlobPart.
  return new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' });
}

/** One `files` field per file (the documented repeatable field) plus the optional environmentId. */
export function uploadForm(files: readonly UploadFile[], environmentId?: string | null): FormData {
  if (files.length === 0)
    throw new WebRunError({
      kind: 'bad_request',
      message: 'Nothing to upload: the file list is empty.',
    });
  const form = new FormData();
  for (const file of files) {
    if (typeof file.name !== 'string' || file.name === '') {
      throw new WebRunError({ kind: 'bad_request', message: 'Every uploaded file needs a name.' });
    }
    form.append('files', toBlob(file), file.name);
  }
  if (environmentId) form.append('environmentId', environmentId);
  return form;
}

function sizeOf(file: UploadFile | undefined): number | null {
  if (!file) return null;
  return file.data instanceof Blob ? file.data.size : file.data.byteLength;
}

function badUpload(reason: string, raw: string): WebRunError {
  // Uploads are not billed and orphans expire after an hour, so a lost answer is not "unknown".
  return new WebRunError({
    kind: 'bad_response',
    message: `Unexpected answer to POST /files/upload: ${reason}.`,
    details: { raw: raw.slice(0, 2000) },
  });
}

/**
 * `{success:true, files:[{fileId, originalName, size}]}`. Lenient about the names of the id
 * (`fileId`, `id`, `_id`) and about a missing name or size, which come from what we sent
 * (WebRun answers in upload order).
 */
export function parseUploadResponse(
  body: Rec,
  raw: string,
  sent: readonly UploadFile[],
): UploadedFile[] {
  if (body.success === false) throw badUpload('success is false', raw);
  const list = body.files;
  if (!Array.isArray(list) || list.length === 0) throw badUpload('no "files" list', raw);
  return list.map((entry: unknown, index) => {
    if (!isRecord(entry)) throw badUpload(`files[${index}] is not an object`, raw);
    const fileId = text(entry.fileId) ?? text(entry.id) ?? text(entry._id);
    if (fileId === null) throw badUpload(`files[${index}] has no fileId`, raw);
    const reportedSize =
      typeof entry.size === 'number' && Number.isFinite(entry.size) && entry.size >= 0
        ? entry.size
        : null;
    return {
      fileId,
      originalName:
        text(entry.originalName) ??
        text(entry.filename) ??
        text(entry.name) ??
        sent[index]?.name ??
        fileId,
      size: reportedSize ?? sizeOf(sent[index]) ?? 0,
    };
  });
}
