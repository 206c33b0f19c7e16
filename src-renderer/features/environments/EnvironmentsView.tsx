// Environments: WebRun's saved browser profiles, so the agent stays logged in. Listed with
// status, last use and size; created, deleted (confirmed, naming what is lost), given a
// profile archive (checked here before anything is sent, with a progress bar), their files.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { EnvironmentView } from '../../../src-main/contract/index';
import { formatTime } from '../../format';
import { archiveProblem, useEnvironmentsStore } from '../../stores/environments-store';
import { deleteEnvironment } from '../../stores/guarded-actions';
import { EnvironmentFiles } from './EnvironmentFiles';

type SortKey = 'name' | 'lastUsedAt' | 'size';

function formatSize(bytes: number | null): string {
  // Nothing saved yet: the status already says "empty".
  if (bytes === null || bytes === 0) return '—';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const STATUS_CHIP: Record<string, string> = {
  ready: 'completed',
  uploading: 'running',
  empty: 'queued',
};

function sorted(list: EnvironmentView[], key: SortKey, descending: boolean): EnvironmentView[] {
  const value = (e: EnvironmentView): string | number =>
    key === 'name' ? e.name.toLowerCase() : (e[key] ?? -1);
  const out = [...list].sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0));
  return descending ? out.reverse() : out;
}

export function EnvironmentsView() {
  const { environments, loading, error, upload, load, create, uploadArchive } =
    useEnvironmentsStore();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'name',
    descending: false,
  });
  useEffect(() => {
    void load();
  }, [load]);
  const rows = useMemo(() => sorted(environments, sort.key, sort.descending), [environments, sort]);

  async function onCreate(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (name.trim() === '') return setFormError('Name the environment.');
    setFormError(null);
    if (await create(name.trim(), description)) {
      setName('');
      setDescription('');
    }
  }

  async function onFile(env: EnvironmentView, file: File | undefined): Promise<void> {
    if (!file) return;
    const problem = archiveProblem(file);
    setFileError(problem);
    if (!problem) await uploadArchive(env.id, file);
  }

  const header = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="sort"
        onClick={() =>
          setSort({ key, descending: sort.key === key ? !sort.descending : key !== 'name' })
        }
      >
        {label}
      </button>
    </th>
  );

  return (
    <section className="page" aria-labelledby="environments-title">
      <div className="toolbar-row">
        <h2 id="environments-title" className="page-title">
          Environments
        </h2>
        <span className="hint">{environments.length} of 20</span>
        <button type="button" className="small" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <p className="hint">
        An environment keeps a browser’s logins, cookies and files between tasks: log in once in a
        task that uses it, and later tasks with it are not asked again. WebRun saves it back when
        each session ends.
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => void onCreate(e)}
        aria-label="New environment"
        noValidate
      >
        <span className="field">
          <label htmlFor="env-name">Name</label>
          <input
            id="env-name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            placeholder="Work account"
          />
        </span>
        <span className="field grow">
          <label htmlFor="env-description">Description (optional)</label>
          <input
            id="env-description"
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="Logged into the CRM and the invoices portal"
          />
        </span>
        <button type="submit" className="primary">
          Create environment
        </button>
      </form>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {fileError && (
        <p className="form-error" role="alert">
          {fileError}
        </p>
      )}
      {upload && (
        <div className="upload-progress">
          <label htmlFor="upload-bar">
            {upload.finishing
              ? `Sending ${upload.filename} to WebRun…`
              : `Uploading ${upload.filename}: ${Math.floor((upload.sent / upload.size) * 100)} %`}
          </label>
          <progress
            id="upload-bar"
            max={upload.size}
            value={upload.finishing ? undefined : upload.sent}
          />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          Could not load the environments: {error}
        </p>
      )}
      {environments.length === 0 ? (
        <p className="empty">
          {loading
            ? 'Loading…'
            : 'No environments yet. Create one above, then pick it in the composer for tasks that need a login.'}
        </p>
      ) : (
        <table className="data-table" aria-label="Environments">
          <thead>
            <tr>
              {header('name', 'Name')}
              <th scope="col">Status</th>
              {header('lastUsedAt', 'Last used')}
              {header('size', 'Size')}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((env) => (
              <EnvironmentRow
                key={env.id}
                env={env}
                busy={upload !== null}
                open={open === env.id}
                onToggle={() => setOpen(open === env.id ? null : env.id)}
                onFile={(file) => void onFile(env, file)}
                onDelete={() => void deleteEnvironment(env)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EnvironmentRow(props: {
  env: EnvironmentView;
  busy: boolean;
  open: boolean;
  onToggle(): void;
  onFile(file: File | undefined): void;
  onDelete(): void;
}) {
  const { env, busy, open } = props;
  const inputId = `upload-${env.id}`;
  return (
    <>
      <tr>
        <td>
          <strong>{env.name}</strong>
          {env.description && <div className="hint">{env.description}</div>}
        </td>
        <td>
          <span className={`chip chip-${STATUS_CHIP[env.status] ?? 'queued'}`}>{env.status}</span>
        </td>
        <td>
          {env.lastUsedAt !== null
            ? formatTime(env.lastUsedAt)
            : env.usageCount === 0
              ? 'never'
              : '—'}
        </td>
        <td className="num">{formatSize(env.size)}</td>
        <td className="actions">
          <label htmlFor={inputId} className={`button small${busy ? ' disabled' : ''}`}>
            Upload profile
          </label>
          <input
            id={inputId}
            type="file"
            className="visually-hidden"
            accept=".tar.gz,.tgz,application/gzip"
            aria-label={`Upload a profile archive to ${env.name}`}
            disabled={busy}
            onChange={(e) => {
              props.onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button
            type="button"
            className="small"
            aria-expanded={open}
            aria-label={`Files of ${env.name}`}
            onClick={props.onToggle}
          >
            Files
          </button>
          <button
            type="button"
            className="small danger"
            aria-label={`Delete ${env.name}`}
            onClick={props.onDelete}
          >
            Delete
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <EnvironmentFiles envId={env.id} />
          </td>
        </tr>
      )}
    </>
  );
}
