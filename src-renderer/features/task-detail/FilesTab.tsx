// The files a task downloaded: each opens from the local copy the app kept (with the OS in the
// desktop app, served by the app in browser mode), with the link it came from. File names and
// links come from web pages: a link is one only on the backend's documented hosts
// (common/safe-links.ts); anything else is shown as text.
import type { TaskDetails } from '../../../src-main/contract/index';
import { useAppStore } from '../../stores/app-store';
import { useFilesStore } from '../../stores/files-store';
import { backendFileHref, shownName, webHost } from '../common/safe-links';

function size(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function FilesTab({ details, taskId }: { details: TaskDetails; taskId: string }) {
  const open = useFilesStore((s) => s.open);
  const backend = useAppStore((s) => s.info?.backend.baseUrl ?? null);
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
            <td>{shownName(f.filename)}</td>
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
              <SourceLink
                filename={f.filename}
                downloadUrl={f.downloadUrl}
                href={backend ? backendFileHref(f.downloadUrl, backend) : null}
              />
              {webHost(f.source) && <span className="hint"> from {webHost(f.source)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** WebRun's link to a file: a link on the backend's hosts, otherwise the address as text. */
function SourceLink({
  filename,
  downloadUrl,
  href,
}: {
  filename: string;
  downloadUrl: string;
  href: string | null;
}) {
  if (href === null)
    return (
      <span className="hint" title={downloadUrl}>
        {downloadUrl.length > 60 ? `${downloadUrl.slice(0, 59)}…` : downloadUrl}
      </span>
    );
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`Source of ${filename}`}
      title={href}
    >
      WebRun’s link
    </a>
  );
}
