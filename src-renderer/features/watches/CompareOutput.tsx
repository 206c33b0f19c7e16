// The output half of a comparison, as the core computed it (runs.compare): a key-path diff of
// structured output, a row diff of CSV, a word diff of text, or why the outputs cannot be put
// side by side. Web content is hostile: every value is rendered as text, never as HTML, and no
// URL in it becomes a link.
import type { RunComparison, WordPart } from '../../../src-main/contract/watches';

type Output = RunComparison['output'];

/** A value as text: strings as they are, the rest as JSON. */
function shown(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function Words({ parts, side }: { parts: WordPart[]; side: 'before' | 'after' }) {
  const hidden = side === 'before' ? 'added' : 'removed';
  return (
    <p className="word-diff">
      {parts
        .filter((p) => p.kind !== hidden)
        .map((p, i) =>
          p.kind === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.kind === 'added' ? (
            <ins key={i}>{p.text}</ins>
          ) : (
            <del key={i}>{p.text}</del>
          ),
        )}
    </p>
  );
}

function Rows({ rows, label }: { rows: Record<string, string>[]; label: string }) {
  if (rows.length === 0) return <p className="hint">None {label}.</p>;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <table className="data-table" aria-label={`Rows ${label}`}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c} className="url-cell">
                {row[c] ?? ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The two sides of one part of the output, each its own region a keyboard can reach. */
export function Sides({
  topic,
  before,
  after,
}: {
  /** What the sides show ("output", "visited domains"), so each region has its own name. */
  topic: string;
  before: React.ReactNode;
  after: React.ReactNode;
}) {
  return (
    <div className="compare-sides">
      <section
        className="compare-side"
        aria-label={`Before: ${topic}`}
        tabIndex={0}
        data-side="before"
      >
        <h4 className="section-title">Before</h4>
        {before}
      </section>
      <section
        className="compare-side"
        aria-label={`After: ${topic}`}
        tabIndex={0}
        data-side="after"
      >
        <h4 className="section-title">After</h4>
        {after}
      </section>
    </div>
  );
}

export function CompareOutput({ output }: { output: Output }) {
  switch (output.kind) {
    case 'unreadable':
      return <p className="hint">The outputs cannot be put side by side: {output.reason}</p>;
    case 'words':
      return output.changed ? (
        <Sides
          topic="text"
          before={<Words parts={output.parts} side="before" />}
          after={<Words parts={output.parts} side="after" />}
        />
      ) : (
        <p className="hint">The text is the same.</p>
      );
    case 'rows':
      return (
        <>
          <p className="hint">
            {output.unchanged} row{output.unchanged === 1 ? '' : 's'} the same
            {output.columns.added.length > 0 &&
              ` · new columns: ${output.columns.added.join(', ')}`}
            {output.columns.removed.length > 0 &&
              ` · columns gone: ${output.columns.removed.join(', ')}`}
          </p>
          <Sides
            topic="rows"
            before={<Rows rows={output.removed} label="gone" />}
            after={<Rows rows={output.added} label="new" />}
          />
        </>
      );
    case 'keys':
      return output.changes.length === 0 ? (
        <p className="hint">The structured output is the same.</p>
      ) : (
        <table className="data-table compare-keys" aria-label="Changed key paths">
          <thead>
            <tr>
              <th scope="col">Key path</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {output.changes.map((c) => (
              <tr key={c.path} className={`change-${c.kind}`}>
                <th scope="row" className="mono url-cell">
                  {c.path}
                </th>
                <td className="url-cell">
                  {c.kind === 'added' ? (
                    <em className="hint">absent</em>
                  ) : (
                    <del>{shown(c.before)}</del>
                  )}
                </td>
                <td className="url-cell">
                  {c.kind === 'removed' ? (
                    <em className="hint">gone</em>
                  ) : (
                    <ins>{shown(c.after)}</ins>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}
