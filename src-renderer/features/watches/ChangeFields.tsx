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
      {area(
        'watchPaths',
        'Key paths that matter, one a line (empty: all, or the whole text)',
        'price\nitems[*].name',
      )}
      {area('ignorePaths', 'Key paths to ignore, one a line', 'updatedAt\n**.adSlot')}
      {area(
        'ignorePatterns',
        'Values to ignore (regular expressions), one a line',
        '^\\d{4}-\\d{2}-\\d{2}T',
      )}
      {number('tolerance', 'Numbers may move by (absolute)', '0.5')}
      {number('tolerancePercent', '…or by percent', '2')}
      {number('unchangedDays', 'Alert when unchanged for days (optional)', '7')}
    </fieldset>
  );
}
