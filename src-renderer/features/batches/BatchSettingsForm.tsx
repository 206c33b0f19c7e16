// A batch's budget and concurrency, editable while it can still send rows: the way out of a
// budget stop is to raise the budget here and resume. Each field says what is wrong beside it.
import { useId, useState, type FormEvent } from 'react';
import type { BatchView } from '../../../src-main/contract/index';
import { formatUsd } from '../../format';
import { useBatchesStore } from '../../stores/batches-store';
import { describedBy, FormError } from '../common/FormError';

interface Errors {
  budget?: string;
  concurrency?: string;
}

/** The figures typed, or a message per field a person can act on. */
export function checkBatchSettings(
  budget: string,
  concurrency: string,
  spent: number,
):
  | { ok: true; value: { budget: number | null; concurrency: number } }
  | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const b = budget.trim() === '' ? null : Number(budget);
  if (b !== null && (!Number.isFinite(b) || b <= 0 || b > 1_000_000))
    errors.budget =
      'Enter an amount in USD above 0 (at most 1,000,000), or leave it empty for none.';
  else if (b !== null && b <= spent)
    errors.budget = `The batch has spent ${formatUsd(spent)} already: raise the budget above that to send more rows.`;
  const c = Number(concurrency);
  if (concurrency.trim() === '' || !Number.isInteger(c) || c < 1 || c > 100)
    errors.concurrency = 'Enter a whole number of rows from 1 to 100.';
  return errors.budget || errors.concurrency
    ? { ok: false, errors }
    : { ok: true, value: { budget: b, concurrency: c } };
}

export function BatchSettingsForm({ batch, onDone }: { batch: BatchView; onDone(): void }) {
  const edit = useBatchesStore((s) => s.edit);
  const [budget, setBudget] = useState(batch.budget === null ? '' : String(batch.budget));
  const [concurrency, setConcurrency] = useState(String(batch.concurrency));
  const [errors, setErrors] = useState<Errors>({});
  const base = useId();
  const canResume = batch.state === 'paused' || batch.state === 'budget_stopped';

  async function save(event: FormEvent, resume: boolean): Promise<void> {
    event.preventDefault();
    const checked = checkBatchSettings(budget, concurrency, batch.spent);
    if (checked.ok) {
      setErrors({});
      if (await edit(batch.id, checked.value, resume)) onDone();
      return;
    }
    // Every mistake shows at once; the focus goes to the first field to fix.
    setErrors(checked.errors);
    const first = checked.errors.budget ? 'budget' : 'concurrency';
    document.getElementById(`${base}-${first}`)?.focus();
  }

  return (
    <form
      className="batch-settings"
      aria-label="Budget and concurrency"
      noValidate
      onSubmit={(e) => void save(e, canResume)}
    >
      <div className="field">
        <label htmlFor={`${base}-budget`}>Budget (USD, empty for none)</label>
        <input
          id={`${base}-budget`}
          inputMode="decimal"
          value={budget}
          autoFocus
          onChange={(e) => {
            setBudget(e.target.value);
            setErrors({ ...errors, budget: undefined });
          }}
          {...describedBy(`${base}-budget-error`, errors.budget)}
        />
        <FormError id={`${base}-budget-error`}>{errors.budget}</FormError>
      </div>
      <div className="field">
        <label htmlFor={`${base}-concurrency`}>Rows at once</label>
        <input
          id={`${base}-concurrency`}
          inputMode="numeric"
          value={concurrency}
          onChange={(e) => {
            setConcurrency(e.target.value);
            setErrors({ ...errors, concurrency: undefined });
          }}
          {...describedBy(`${base}-concurrency-error`, errors.concurrency)}
        />
        <FormError id={`${base}-concurrency-error`}>{errors.concurrency}</FormError>
      </div>
      <div className="row-actions">
        <button type="submit" className="primary">
          {canResume ? 'Save and resume' : 'Save'}
        </button>
        {canResume && (
          <button type="button" onClick={(e) => void save(e, false)}>
            Save only
          </button>
        )}
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
