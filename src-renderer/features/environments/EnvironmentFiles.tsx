// The files kept in an environment (uploaded with its id), listed under its row.
import { useEffect } from 'react';
import { formatTime } from '../../format';
import { useEnvironmentsStore } from '../../stores/environments-store';

export function EnvironmentFiles({ envId }: { envId: string }) {
  const files = useEnvironmentsStore((s) => s.files[envId]);
  const loadFiles = useEnvironmentsStore((s) => s.loadFiles);
  useEffect(() => {
    void loadFiles(envId);
  }, [envId, loadFiles]);
  if (!files) return <p className="hint">Loading files…</p>;
  if (files.length === 0)
    return (
      <p className="hint">
        No files in this environment. Files attached to a task that runs in it are kept here.
      </p>
    );
  return (
    <ul className="env-files" aria-label="Environment files">
      {files.map((f) => (
        <li key={f.fileId}>
          {f.name}{' '}
          <span className="hint">
            {f.size === null ? '' : `${Math.max(1, Math.round(f.size / 1024))} KB`}
            {f.createdAt ? ` · ${formatTime(f.createdAt)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
