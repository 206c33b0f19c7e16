// The composer's advanced fields, folded away under "Options" until needed.
import { useEffect, useRef } from 'react';
import { describedBy, FormError } from '../common/FormError';
import { useSessionsStore } from '../../stores/sessions-store';
import { AttachmentsField } from './AttachmentsField';
import type { Attachment, ComposerForm, FieldErrors } from './compose-input';
import { optionsSummary } from './options-summary';

interface Props {
  form: ComposerForm;
  /** Mistakes by field; one inside Options opens it so the person sees it. */
  errors: FieldErrors;
  update(patch: Partial<ComposerForm>): void;
  /** Attachments arrive after an upload, while other fields may have changed meanwhile. */
  updateAttachments(next: (current: Attachment[]) => Attachment[]): void;
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  /** Shown under the field, which points at it with aria-describedby (see `invalid`). */
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <FormError id={`${id}-error`}>{error}</FormError>
    </div>
  );
}

/** The ARIA attributes of a field whose mistake Field shows. */
const invalid = (id: string, error: string | undefined) => describedBy(`${id}-error`, error);

const OPTION_FIELDS: (keyof FieldErrors)[] = [
  'jsonSchema',
  'csvColumns',
  'sessionId',
  'maxDurationSec',
  'costCap',
  'maxInputTokens',
  'maxOutputTokens',
  'priority',
  'tags',
];

export function ComposerOptions({ form, errors, update, updateAttachments }: Props) {
  const details = useRef<HTMLDetailsElement>(null);
  const hidden = OPTION_FIELDS.some((key) => errors[key]);
  useEffect(() => {
    if (hidden && details.current) details.current.open = true;
  }, [hidden]);
  const sessions = useSessionsStore((s) => s.sessions);
  const loadSessions = useSessionsStore((s) => s.load);
  const followUp = form.mode === 'followup';
  useEffect(() => {
    if (followUp) void loadSessions();
  }, [followUp, loadSessions]);
  const open = sessions.filter((s) => s.status === 'open');
  const summary = optionsSummary(form);

  return (
    <details className="options" ref={details}>
      <summary>
        Options
        {summary.length > 0 && (
          <span className="options-summary" aria-label="Options not at their defaults">
            {' · '}
            {summary.join(' · ')}
          </span>
        )}
      </summary>
      <div className="options-grid">
        <Field id="output-type" label="Output">
          <select
            id="output-type"
            value={form.outputType}
            onChange={(e) => update({ outputType: e.target.value as ComposerForm['outputType'] })}
          >
            <option value="text">Text</option>
            <option value="structured_json">Structured JSON</option>
            <option value="structured_csv">Structured CSV</option>
          </select>
        </Field>
        <Field id="mode" label="Mode">
          <select
            id="mode"
            value={form.mode}
            onChange={(e) => update({ mode: e.target.value as ComposerForm['mode'] })}
          >
            <option value="oneshot">One-shot</option>
            <option value="session">New session</option>
            <option value="followup">Follow-up in an open session</option>
          </select>
        </Field>
      </div>
      {form.outputType === 'structured_json' && (
        <Field id="json-schema" error={errors.jsonSchema} label="JSON Schema">
          <textarea
            id="json-schema"
            {...invalid('json-schema', errors.jsonSchema)}
            rows={4}
            className="mono"
            value={form.jsonSchema}
            onChange={(e) => update({ jsonSchema: e.target.value })}
            placeholder='{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}}}}'
          />
        </Field>
      )}
      {form.outputType === 'structured_csv' && (
        <Field id="csv-columns" error={errors.csvColumns} label="CSV columns (comma-separated)">
          <input
            id="csv-columns"
            {...invalid('csv-columns', errors.csvColumns)}
            value={form.csvColumns}
            onChange={(e) => update({ csvColumns: e.target.value })}
            placeholder="name, price, url"
          />
        </Field>
      )}
      {followUp && (
        <Field id="session" error={errors.sessionId} label="Open session">
          <select
            id="session"
            {...invalid('session', errors.sessionId)}
            value={form.sessionId}
            onChange={(e) => update({ sessionId: e.target.value })}
          >
            <option value="">{open.length ? 'Choose a session…' : 'No open session'}</option>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </Field>
      )}
      {form.mode !== 'oneshot' && (
        <label className="check">
          <input
            type="checkbox"
            checked={form.keepSessionOpen}
            onChange={(e) => update({ keepSessionOpen: e.target.checked })}
          />{' '}
          Keep the session open afterwards
        </label>
      )}
      <div className="options-grid">
        <Field id="max-duration" error={errors.maxDurationSec} label="Max duration (s)">
          <input
            id="max-duration"
            {...invalid('max-duration', errors.maxDurationSec)}
            inputMode="numeric"
            value={form.maxDurationSec}
            onChange={(e) => update({ maxDurationSec: e.target.value })}
            placeholder="300"
          />
        </Field>
        <Field id="cost-cap" error={errors.costCap} label="Cost cap (USD)">
          <input
            id="cost-cap"
            {...invalid('cost-cap', errors.costCap)}
            inputMode="decimal"
            value={form.costCap}
            onChange={(e) => update({ costCap: e.target.value })}
            placeholder="none"
          />
        </Field>
        <Field id="max-input-tokens" error={errors.maxInputTokens} label="Max input tokens">
          <input
            id="max-input-tokens"
            {...invalid('max-input-tokens', errors.maxInputTokens)}
            inputMode="numeric"
            value={form.maxInputTokens}
            onChange={(e) => update({ maxInputTokens: e.target.value })}
          />
        </Field>
        <Field id="max-output-tokens" error={errors.maxOutputTokens} label="Max output tokens">
          <input
            id="max-output-tokens"
            {...invalid('max-output-tokens', errors.maxOutputTokens)}
            inputMode="numeric"
            value={form.maxOutputTokens}
            onChange={(e) => update({ maxOutputTokens: e.target.value })}
          />
        </Field>
        <Field id="priority" error={errors.priority} label="Priority (-10 to 10)">
          <input
            id="priority"
            {...invalid('priority', errors.priority)}
            type="number"
            min={-10}
            max={10}
            value={form.priority}
            onChange={(e) => update({ priority: e.target.value })}
          />
        </Field>
        <Field id="tags" error={errors.tags} label="Tags">
          <input
            id="tags"
            {...invalid('tags', errors.tags)}
            value={form.tags}
            onChange={(e) => update({ tags: e.target.value })}
            placeholder="travel, weekly"
          />
        </Field>
      </div>
      <AttachmentsField attachments={form.attachments} onChange={updateAttachments} />
    </details>
  );
}
