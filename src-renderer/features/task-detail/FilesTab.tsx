import type { TaskDetails } from '../../../src-main/contract/index';

function size(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function FilesTab({ details }: { details: TaskDetails }) {
  if (details.files.length === 0) return <p className="empty">The task downloaded no files.</p>;
  return (
    <table className="data-table" aria-label="Files">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Size</th>
          <th scope="col">Local copy</th>
        </tr>
      </thead>
      <tbody>
        {details.files.map((f, i) => (
          <tr key={i}>
            <td>{f.filename}</td>
            <td>{size(f.size)}</td>
            <td>
              {f.localPath ? (
                <code className="path">{f.localPath}</code>
              ) : (
                <a href={f.downloadUrl} target="_blank" rel="noopener noreferrer" download={f.filename}>
                  Download {f.filename}
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
