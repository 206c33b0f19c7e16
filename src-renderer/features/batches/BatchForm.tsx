// A new batch: rows pasted or loaded from a file, a template with {{column}} placeholders and
// the task options. "Check rows" parses and validates them, previews the first prompts and
// estimates cost and time; nothing is sent until "Start batch", and not while a row with a
// missing value is neither fixed nor skipped.
import { useId, useState, type ChangeEvent } from 'react';
import type { OutputType } from '../../../src-main/contract/index';
import { confirmOverBalance } from './confirm-over-balance';
import { useBatchesStore, type BatchDraft } from '../../stores/batches-store';
import { describedBy, FormError } from '../common/FormError';

interface Fields {
  name: string;
  rows: string;
  prompt: string;
  startingUrl: string;
  outputType: OutputType;
  schema: string;
  concurrency: string;
  budget: string;
  costCap: string;
  mode: 'oneshot' | 'session';
  rowsPerSession: string;
}

const EMPTY: Fields = {
  name: '',
  rows: '',
  prompt: '',
  startingUrl: '',
  outputType: 'text',
  schema: '',
  concurrency: '5',
  budget: '',
  costCap: '',
  mode: 'oneshot',
  rowsPerSession: '5',
};

type FieldErrors = Partial<Record<keyof Fields, string>>;

/** A number typed in a field: '' is "not set"; anything else must be in range. */
function numberProblem(
  text: string,
  { min, max, whole, optional }: { min: number; max: number; whole: boolean; optional: boolean },
  what: string,
): string | undefined {
  if (text.trim() === '') return optional ? undefined : `Enter ${what}.`;
  const n = Number(text);
  const inRange = Number.isFinite(n) && n > min && n <= max && (!whole || Number.isInteger(n));
  if (inRange) return undefined;
  return whole
    ? `Enter ${what}: a whole number from ${min + 1} to ${max.toLocaleString('en-US')}.`
    : `Enter ${what}: an amount in USD above ${min} and at most ${max.toLocaleString('en-US')}${optional ? ', or leave it empty for none' : ''}.`;
}

/** Every field's mistake at once, in words for a person, so all can be fixed in one go. */
export function batchFieldErrors(f: Fields): FieldErrors {
  const errors: FieldErrors = {
    concurrency: numberProblem(
      f.concurrency,
      { min: 0, max: 100, whole: true, optional: false },
      'how many rows run at once',
    ),
    budget: numberProblem(
      f.budget,
      { min: 0, max: 1_000_000, whole: false, optional: true },
      'a batch budget',
    ),
    costCap: numberProblem(
      f.costCap,
      { min: 0, max: 10_000, whole: false, optional: true },
      'a cost cap per task',
    ),
    rowsPerSession:
      f.mode === 'session'
        ? numberProblem(
            f.rowsPerSession,
            { min: 0, max: 100, whole: true, optional: false },
            'how many rows share a session',
          )
        : undefined,
  };
  if (f.outputType !== 'text') {
    try {
      JSON.parse(f.schema);
    } catch {
      errors.schema = 'The output schema is not valid JSON.';
    }
  }
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as FieldErrors;
}

/** The draft the core checks, or a message for the person when a field cannot be read. */
function draftOf(f: Fields): BatchDraft | string {
  let outputSchema: Record<string, unknown> | string[] | null = null;
  if (f.outputType !== 'text') {
    try {
      outputSchema = JSON.parse(f.schema) as Record<string, unknown> | string[];
    } catch {
      return 'The output schema is not valid JSON.';
    }
  }
  const number = (text: string): number | null => (text.trim() === '' ? null : Number(text));
  return {
    template: {
      prompt: f.prompt,
      startingUrl: f.startingUrl.trim() || null,
      options: { outputType: f.outputType, outputSchema },
      mode: f.mode,
      rowsPerSession: f.mode === 'session' ? Number(f.rowsPerSession) || 1 : 1,
      costCap: number(f.costCap),
    },
    source: { text: f.rows, format: 'auto' },
    settings: { concurrency: Number(f.concurrency) || 5, budget: number(f.budget) },
  };
}

export function BatchForm() {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const {
    preparation,
    checking,
    prepare,
    clearPreparation,
    create,
    skipProblems: skip,
  } = useBatchesStore();
  const id = useId();
  const change =
    (key: keyof Fields) =>
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      setFields({ ...fields, [key]: event.target.value });
      if (errors[key]) setErrors({ ...errors, [key]: undefined });
      clearPreparation(); // the preview must match what will be sent
    };
  const loadFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setFields({ ...fields, rows: await file.text() });
    clearPreparation();
  };
  const draft = draftOf(fields);
  const check = () => {
    const found = batchFieldErrors(fields);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      setProblem(null);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    if (typeof draft === 'string') return setProblem(draft);
    setProblem(null);
    void prepare(draft);
  };
  const blocked =
    !preparation ||
    preparation.unknownColumns.length > 0 ||
    (preparation.problems.length > 0 && !skip) ||
    preparation.rowCount === 0;
  const start = async () => {
    if (typeof draft === 'string' || !preparation) return;
    // Pre-flight refused it: the person may still run it, once the amounts are in front of them.
    const override = !preparation.preflight.ok;
    if (override && !(await confirmOverBalance(preparation.preflight))) return;
    const ok = await create({
      ...draft,
      name: fields.name,
      skipLines: skip ? preparation.problems.map((p) => p.line) : [],
      ...(override ? { override } : {}),
    });
    if (ok) setFields(EMPTY);
  };

  /** A typed number with its own label and, beside it, its own error. */
  const numberField = (
    key: 'concurrency' | 'budget' | 'costCap' | 'rowsPerSession',
    label: string,
    inputMode: 'numeric' | 'decimal',
    placeholder?: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        inputMode={inputMode}
        value={fields[key]}
        onChange={change(key)}
        placeholder={placeholder}
        {...describedBy(`${id}-${key}-error`, errors[key])}
      />
      <FormError id={`${id}-${key}-error`}>{errors[key]}</FormError>
    </div>
  );

  return (
    <form
      className="composer batch-form"
      aria-label="New batch"
      onSubmit={(e) => e.preventDefault()}
    >
      <label htmlFor={`${id}-rows`}>Rows (CSV with a header line, or JSON)</label>
      <textarea
        id={`${id}-rows`}
        rows={5}
        value={fields.rows}
        onChange={change('rows')}
        placeholder={'product,shop\nkettle,shop.example'}
        spellCheck={false}
      />
      <label className="file-pick">
        Or load a file{' '}
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void loadFile(e)}
        />
      </label>
      <label htmlFor={`${id}-prompt`}>Prompt template</label>
      <textarea
        id={`${id}-prompt`}
        rows={2}
        value={fields.prompt}
        onChange={change('prompt')}
        placeholder="Find the price of {{product}} on {{shop}}"
      />
      <div className="options-grid">
        <label className="field">
          Starting URL template
          <input
            value={fields.startingUrl}
            onChange={change('startingUrl')}
            placeholder="https://{{shop}}"
          />
        </label>
        <label className="field">
          Name (optional)
          <input value={fields.name} onChange={change('name')} />
        </label>
        <label className="field">
          Output
          <select value={fields.outputType} onChange={change('outputType')}>
            <option value="text">Text</option>
            <option value="structured_json">Structured JSON</option>
            <option value="structured_csv">Structured CSV</option>
          </select>
        </label>
        <label className="field">
          Sessions
          <select value={fields.mode} onChange={change('mode')}>
            <option value="oneshot">One-shot per row</option>
            <option value="session">One session per N rows</option>
          </select>
        </label>
        {fields.mode === 'session' && numberField('rowsPerSession', 'Rows per session', 'numeric')}
        {numberField('concurrency', 'Rows at once', 'numeric')}
        {numberField('budget', 'Batch budget (USD)', 'decimal', 'none')}
        {numberField('costCap', 'Cost cap per task (USD)', 'decimal', 'none')}
      </div>
      {fields.outputType !== 'text' && (
        <div className="field">
          <label htmlFor={`${id}-schema`}>
            Output schema (JSON; descriptions may use {'{{column}}'})
          </label>
          <textarea
            id={`${id}-schema`}
            rows={3}
            value={fields.schema}
            onChange={change('schema')}
            spellCheck={false}
            {...describedBy(`${id}-schema-error`, errors.schema)}
          />
          <FormError id={`${id}-schema-error`}>{errors.schema}</FormError>
        </div>
      )}
      <FormError>{problem}</FormError>
      <div className="composer-actions">
        <button
          type="button"
          onClick={check}
          disabled={checking || !fields.rows.trim() || !fields.prompt.trim()}
        >
          {checking ? 'Checking…' : 'Check rows'}
        </button>
        <button type="button" className="primary" disabled={blocked} onClick={() => void start()}>
          Start batch
        </button>
      </div>
    </form>
  );
}
