// What a watch runs: the prompt with {{placeholders}} and a value for each, the starting URL,
// the output type and its schema or columns, the environment and a cost cap.
import { EnvironmentPicker } from '../environments/EnvironmentPicker';
import { invalid, WatchField } from './WatchField';
import { placeholdersIn, type FormErrors, type WatchForm } from './watch-form';

interface Props {
  id: string;
  form: WatchForm;
  errors: FormErrors;
  update(patch: Partial<WatchForm>): void;
}

export function TemplateFields({ id, form, errors, update }: Props) {
  const names = placeholdersIn(form);
  return (
    <fieldset className="watch-section">
      <legend>Task</legend>
      <WatchField
        id={`${id}-prompt`}
        label="Prompt (use {{name}} for a value)"
        error={errors.prompt}
        wide
      >
        <textarea
          id={`${id}-prompt`}
          rows={3}
          value={form.prompt}
          onChange={(e) => update({ prompt: e.target.value })}
          placeholder="Price of {{product}} on shop.example.com, as JSON"
          {...invalid(`${id}-prompt`, errors.prompt)}
        />
      </WatchField>
      {names.length > 0 && (
        <div className="wide placeholder-values" role="group" aria-label="Placeholder values">
          {names.map((name) => (
            <WatchField key={name} id={`${id}-value-${name}`} label={`Value of {{${name}}}`}>
              <input
                id={`${id}-value-${name}`}
                value={form.values[name] ?? ''}
                onChange={(e) => update({ values: { ...form.values, [name]: e.target.value } })}
                {...invalid(`${id}-values`, errors.values)}
              />
            </WatchField>
          ))}
          <p
            className="form-error"
            id={`${id}-values-error`}
            role={errors.values ? 'alert' : undefined}
          >
            {errors.values}
          </p>
        </div>
      )}
      <WatchField id={`${id}-url`} label="Starting URL (optional)" error={errors.startingUrl}>
        <input
          id={`${id}-url`}
          value={form.startingUrl}
          onChange={(e) => update({ startingUrl: e.target.value })}
          placeholder="https://shop.example.com"
          {...invalid(`${id}-url`, errors.startingUrl)}
        />
      </WatchField>
      <WatchField id={`${id}-output`} label="Output">
        <select
          id={`${id}-output`}
          value={form.outputType}
          onChange={(e) => update({ outputType: e.target.value as WatchForm['outputType'] })}
        >
          <option value="structured_json">Structured JSON</option>
          <option value="structured_csv">Structured CSV</option>
          <option value="text">Text</option>
        </select>
      </WatchField>
      <span className="field">
        <EnvironmentPicker
          value={form.environmentId}
          onChange={(environmentId) => update({ environmentId })}
        />
      </span>
      <WatchField id={`${id}-cap`} label="Cost cap per run (USD)" error={errors.costCap}>
        <input
          id={`${id}-cap`}
          inputMode="decimal"
          value={form.costCap}
          onChange={(e) => update({ costCap: e.target.value })}
          placeholder="0.50"
          {...invalid(`${id}-cap`, errors.costCap)}
        />
      </WatchField>
      {form.outputType === 'structured_json' && (
        <WatchField id={`${id}-schema`} label="Output JSON Schema" error={errors.jsonSchema} wide>
          <textarea
            id={`${id}-schema`}
            rows={4}
            className="mono"
            value={form.jsonSchema}
            onChange={(e) => update({ jsonSchema: e.target.value })}
            placeholder='{"type":"object","properties":{"price":{"type":"number"}}}'
            {...invalid(`${id}-schema`, errors.jsonSchema)}
          />
        </WatchField>
      )}
      {form.outputType === 'structured_csv' && (
        <WatchField
          id={`${id}-columns`}
          label="CSV columns (comma-separated)"
          error={errors.csvColumns}
          wide
        >
          <input
            id={`${id}-columns`}
            value={form.csvColumns}
            onChange={(e) => update({ csvColumns: e.target.value })}
            placeholder="name, price, url"
            {...invalid(`${id}-columns`, errors.csvColumns)}
          />
        </WatchField>
      )}
    </fieldset>
  );
}
