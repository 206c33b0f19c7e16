// The shell of a view that lists one kind of thing (schedules, watches, templates): its title
// with the toolbar beside it (New…, Refresh, and any more), a hint saying what the things are,
// the editor when one is open, why the list could not load, and the list, or a sentence for a
// person while it loads or when it is empty.
import type { ReactNode } from 'react';

interface ViewShellProps {
  /** The heading's id, which labels the section. */
  titleId: string;
  title: string;
  /** 'page': a view of its own (h2 beside its toolbar); 'panel': a part of one (h3). */
  level?: 'page' | 'panel';
  className: string;
  /** Creating one ("New watch"): off while an editor is open. */
  create?: { label: string; onClick(): void; disabled: boolean };
  refresh?: { onClick(): void; busy: boolean };
  /** More toolbar buttons, after Refresh. */
  tools?: ReactNode;
  hint: ReactNode;
  editor?: ReactNode;
  /** The list failed to load: "Could not load the {what}: {error}". */
  loadError?: { what: string; error: string | null };
  children: ReactNode;
}

export function ViewShell(p: ViewShellProps) {
  const Heading = p.level === 'panel' ? 'h3' : 'h2';
  const heading = (
    <Heading id={p.titleId} className={p.level === 'panel' ? 'section-title' : 'page-title'}>
      {p.title}
    </Heading>
  );
  const hasTools = p.create || p.refresh || p.tools;
  return (
    <section className={p.className} aria-labelledby={p.titleId}>
      {hasTools || p.level !== 'panel' ? (
        <div className="toolbar-row">
          {heading}
          {p.create && (
            <button
              type="button"
              className="small primary"
              onClick={p.create.onClick}
              disabled={p.create.disabled}
            >
              {p.create.label}
            </button>
          )}
          {p.refresh && (
            <button
              type="button"
              className="small"
              onClick={p.refresh.onClick}
              disabled={p.refresh.busy}
            >
              Refresh
            </button>
          )}
          {p.tools}
        </div>
      ) : (
        heading
      )}
      <p className="hint">{p.hint}</p>
      {p.editor}
      {p.loadError?.error && (
        <p className="form-error" role="alert">
          Could not load the {p.loadError.what}: {p.loadError.error}
        </p>
      )}
      {p.children}
    </section>
  );
}

/** The list, or what a person reads instead: "Loading…" until it is known, then why it is empty. */
export function ListOrEmpty({
  count,
  loading,
  empty,
  children,
}: {
  count: number;
  loading: boolean;
  empty: string;
  children: ReactNode;
}) {
  if (count > 0) return children;
  return <p className="empty">{loading ? 'Loading…' : empty}</p>;
}
