// The files a task downloaded: each opens from the local copy the app kept (with the OS in the
// desktop app, served by the app in browser mode), with the link it came from.
import type { TaskDetails } from '../../../src-main/contract/index';
import { useFilesStore } from '../../stores/files-store';

function size(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isWebLink(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

export function FilesTab({ details, taskId }: { details: TaskDetails; taskId: string }) {
  const open = useFilesStore((s) => s.open);
  if (details.files.length === 0) return <p className="empty">The task downloaded no files.</p>;
  return (
    <table className="data-table" aria-label="Files">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Size</th>
          <th scope="col">Local copy</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {details.files.map((f, i) => (
          <tr key={i}>
            <td>{f.filename}</td>
            <td>{size(f.size)}</td>
            <td>
              {f.localPath ? (
                <button
                  type="button"
                  className="small"
                  aria-label={`Open ${f.filename}`}
                  title={f.localPath}
                  onClick={() => void open(taskId, f.filename)}
                >
                  Open
                </button>
              ) : (
                <span className="hint">Not copied (yet)</span>
              )}
            </td>
            <td>
              <a
                href={f.downloadUrl}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`Source of ${f.filename}`}
                title={f.downloadUrl}
              >
                WebRun’s link
              </a>
              {isWebLink(f.source) && <span className="hint"> from {new URL(f.source).host}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
