// Files to attach: each chosen file is checked for size here (the core would refuse it with a
// less helpful message), read as base64 and uploaded at once; the task then carries the ids.
import { useId, useState, type ChangeEvent } from 'react';
import { useFilesStore } from '../../stores/files-store';
import type { Attachment } from './compose-input';
import { FormError } from '../common/FormError';

/** Base64 grows data by a third; the contract takes 2,000,000 characters, about 1.4 MB of file. */
export const MAX_FILE_BYTES = 1_400_000;
const MAX_FILES = 10;

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

export function AttachmentsField({
  attachments,
  onChange,
}: {
  attachments: Attachment[];
  onChange(next: (current: Attachment[]) => Attachment[]): void;
}) {
  const upload = useFilesStore((s) => s.upload);
  const uploading = useFilesStore((s) => s.uploading);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  async function onFiles(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.target;
    const chosen = [...(input.files ?? [])];
    // Cleared so the same file can be chosen again after removing it.
    input.value = '';
    const tooBig = chosen.filter((f) => f.size > MAX_FILE_BYTES);
    const fitting = chosen.filter((f) => f.size <= MAX_FILE_BYTES).slice(0, MAX_FILES);
    setProblem(
      tooBig.length
        ? `${tooBig.map((f) => `“${f.name}” (${megabytes(f.size)})`).join(', ')} ${tooBig.length === 1 ? 'is' : 'are'} too large: a file can be at most about 1.4 MB to be attached here.`
        : chosen.length > MAX_FILES
          ? `At most ${MAX_FILES} files at a time; the first ${MAX_FILES} were taken.`
          : null,
    );
    if (fitting.length === 0) return;
    try {
      const files = await Promise.all(
        fitting.map(async (f) => ({
          name: f.name,
          ...(f.type ? { type: f.type.slice(0, 100) } : {}),
          base64: await readBase64(f),
        })),
      );
      const uploaded = await upload(files);
      if (uploaded)
        onChange((current) => [
          ...current,
          ...uploaded.map((u) => ({ fileId: u.fileId, name: u.originalName, size: u.size })),
        ]);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>Attach files (up to about 1.4 MB each)</label>
      <input id={id} type="file" multiple onChange={(e) => void onFiles(e)} />
      {uploading > 0 && (
        <span className="hint" role="status">
          Uploading {uploading} file{uploading === 1 ? '' : 's'}…
        </span>
      )}
      <FormError>{problem}</FormError>
      {attachments.length > 0 && (
        <ul className="attachments" aria-label="Attached files">
          {attachments.map((a) => (
            <li key={a.fileId}>
              <span>{a.name}</span>{' '}
              <span className="hint">{a.size.toLocaleString('en-US')} bytes</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${a.name}`}
                onClick={() => onChange((current) => current.filter((c) => c.fileId !== a.fileId))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
