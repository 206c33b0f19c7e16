// A watch's checks, one row each: JSON Schema, a number in a range, text matching a pattern, a
// list's length, a key present (all on a key path), the visited domains, the cost. Each row says
// its own mistake; adding or removing a row keeps what was typed in the others.
import { CHECK_KINDS, newCheckRow, type CheckKind, type CheckRow } from './check-rows';
import { invalid, WatchField } from './WatchField';
import type { FormErrors } from './watch-form';

interface Props {
  id: string;
  checks: CheckRow[];
  errors: FormErrors;
  onChange(checks: CheckRow[]): void;
}

const ON_PATH: CheckKind[] = ['number', 'pattern', 'length', 'present'];

function RowFields({
  id,
  row,
  error,
  set,
}: {
  id: string;
  row: CheckRow;
  error?: string;
  set(patch: Partial<CheckRow>): void;
}) {
  const aria = invalid(`${id}`, error);
  const input = (field: keyof CheckRow, label: string, placeholder = '', mono = false) => (
    <WatchField id={`${id}-${field}`} label={label}>
      <input
        id={`${id}-${field}`}
        className={mono ? 'mono' : undefined}
        value={row[field] as string}
        placeholder={placeholder}
        onChange={(e) => set({ [field]: e.target.value })}
        {...aria}
      />
    </WatchField>
  );
  return (
    <>
      {ON_PATH.includes(row.kind) && input('path', 'Key path', 'items[*].price', true)}
      {row.kind === 'number' && input('min', 'Lowest', '10')}
      {row.kind === 'number' && input('max', 'Highest', '20')}
      {row.kind === 'length' && input('min', 'At least', '1')}
      {row.kind === 'length' && input('max', 'At most', '50')}
      {row.kind === 'pattern' &&
        input('pattern', 'Pattern (regular expression)', '^In stock', true)}
      {row.kind === 'domains' &&
        input('allow', 'Domains (comma-separated)', 'example.com, cdn.example.com')}
      {row.kind === 'cost' && input('max', 'At most, USD', '0.25')}
      {row.kind === 'schema' && (
        <WatchField id={`${id}-schema`} label="JSON Schema (empty: the output’s own)" wide>
          <textarea
            id={`${id}-schema`}
            rows={3}
            className="mono"
            value={row.schema}
            onChange={(e) => set({ schema: e.target.value })}
            placeholder='{"type":"object","required":["price"]}'
            {...aria}
          />
        </WatchField>
      )}
    </>
  );
}

export function ChecksFields({ id, checks, errors, onChange }: Props) {
  const set = (key: number, patch: Partial<CheckRow>): void =>
    onChange(checks.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="watch-section">
      <legend>Checks</legend>
      <p className="hint wide">
        Every completed run is judged: pass, fail, or unverified when no check applies or the output
        cannot be read. Never a silent pass.
      </p>
      {checks.length === 0 && <p className="empty wide">No checks yet: runs will be unverified.</p>}
      <ol className="check-rows wide" aria-label="Checks">
        {checks.map((row, index) => {
          const rowId = `${id}-check-${row.key}`;
          const error = errors[`check-${row.key}`];
          return (
            <li key={row.key} className="check-row" aria-label={`Check ${index + 1}`}>
              <WatchField id={`${rowId}-kind`} label={`Check ${index + 1}`}>
                <select
                  id={`${rowId}-kind`}
                  value={row.kind}
                  onChange={(e) => set(row.key, { kind: e.target.value as CheckKind })}
                >
                  {CHECK_KINDS.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </WatchField>
              <RowFields id={rowId} row={row} error={error} set={(patch) => set(row.key, patch)} />
              <button
                type="button"
                className="small danger check-remove"
                aria-label={`Remove check ${index + 1}`}
                onClick={() => onChange(checks.filter((r) => r.key !== row.key))}
              >
                Remove
              </button>
              <p
                id={`${rowId}-error`}
                className="form-error check-error"
                role={error ? 'alert' : undefined}
              >
                {error}
              </p>
            </li>
          );
        })}
      </ol>
      <div className="wide">
        <button
          type="button"
          className="small"
          onClick={() => onChange([...checks, newCheckRow()])}
        >
          Add check
        </button>
      </div>
    </fieldset>
  );
}
