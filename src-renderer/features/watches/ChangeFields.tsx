// What counts as a material change: the key paths that matter (none: every path, or the whole
// text), paths and value patterns to ignore (timestamps, counters, ad slots), a tolerance for
// numbers, and an alert when nothing changed for N days.
import { invalid, WatchField } from './WatchField';
import type { FormErrors, WatchForm } from './watch-form';

interface Props {
  id: string;
  form: WatchForm;
  errors: FormErrors;
  update(patch: Partial<WatchForm>): void;
}

type TextKey =
  | 'watchPaths'
  | 'ignorePaths'
  | 'ignorePatterns'
  | 'tolerance'
  | 'tolerancePercent'
  | 'unchangedDays';

export function ChangeFields({ id, form, errors, update }: Props) {
  const area = (key: TextKey, label: string, placeholder: string) => (
    <WatchField id={`${id}-${key}`} label={label} error={errors[key]}>
      <textarea
        id={`${id}-${key}`}
        rows={2}
        className="mono"
        value={form[key]}
        placeholder={placeholder}
        onChange={(e) => update({ [key]: e.target.value })}
        {...invalid(`${id}-${key}`, errors[key])}
      />
    </WatchField>
  );
  const number = (key: TextKey, label: string, placeholder: string) => (
    <WatchField id={`${id}-${key}`} label={label} error={errors[key]}>
      <input
        id={`${id}-${key}`}
        inputMode="decimal"
        value={form[key]}
        placeholder={placeholder}
        onChange={(e) => update({ [key]: e.target.value })}
        {...invalid(`${id}-${key}`, errors[key])}
      />
    </WatchField>
  );
  return (
    <fieldset className="watch-section">
      <legend>Change detection</legend>
      <p className="hint wide">
        One key path or pattern a line. A change on a watched path beyond the tolerance is material
        and alerts; changes on ignored paths, or between values both matching an ignored pattern,
        are noise. Without watched paths, every path counts (or the whole text).
      </p>
      {area('watchPaths', 'Watched paths (empty: all)', 'price\nitems[*].name')}
      {area('ignorePaths', 'Ignored paths', 'updatedAt\n**.adSlot')}
      {area('ignorePatterns', 'Ignored values (regex)', '^\\d{4}-\\d{2}-\\d{2}T')}
      {number('tolerance', 'Number tolerance', '0.5')}
      {number('tolerancePercent', '…or tolerance in %', '2')}
      {number('unchangedDays', 'Alert if unchanged (days)', '7')}
    </fieldset>
  );
}
