// The composer's advanced fields, folded away under "Options" until needed.
import { useEffect } from 'react';
import { useSessionsStore } from '../../stores/sessions-store';
import { AttachmentsField } from './AttachmentsField';
import type { Attachment, ComposerForm } from './compose-input';
import { optionsSummary } from './options-summary';

interface Props {
  form: ComposerForm;
  update(patch: Partial<ComposerForm>): void;
  /** Attachments arrive after an upload, while other fields may have changed meanwhile. */
  updateAttachments(next: (current: Attachment[]) => Attachment[]): void;
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function ComposerOptions({ form, update, updateAttachments }: Props) {
  const sessions = useSessionsStore((s) => s.sessions);
  const loadSessions = useSessionsStore((s) => s.load);
  const followUp = form.mode === 'followup';
  useEffect(() => {
    if (followUp) void loadSessions();
  }, [followUp, loadSessions]);
  const open = sessions.filter((s) => s.status === 'open');
  const summary = optionsSummary(form);

  return (
    <details className="options">
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
        <Field id="json-schema" label="JSON Schema">
          <textarea
            id="json-schema"
            rows={4}
            className="mono"
            value={form.jsonSchema}
            onChange={(e) => update({ jsonSchema: e.target.value })}
            placeholder='{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}}}}'
          />
        </Field>
      )}
      {form.outputType === 'structured_csv' && (
        <Field id="csv-columns" label="CSV columns (comma-separated)">
          <input
            id="csv-columns"
            value={form.csvColumns}
            onChange={(e) => update({ csvColumns: e.target.value })}
            placeholder="name, price, url"
          />
        </Field>
      )}
      {followUp && (
        <Field id="session" label="Open session">
          <select
            id="session"
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
        <Field id="max-duration" label="Max duration (s)">
          <input
            id="max-duration"
            inputMode="numeric"
            value={form.maxDurationSec}
            onChange={(e) => update({ maxDurationSec: e.target.value })}
            placeholder="300"
          />
        </Field>
        <Field id="cost-cap" label="Cost cap (USD)">
          <input
            id="cost-cap"
            inputMode="decimal"
            value={form.costCap}
            onChange={(e) => update({ costCap: e.target.value })}
            placeholder="none"
          />
        </Field>
        <Field id="max-input-tokens" label="Max input tokens">
          <input
            id="max-input-tokens"
            inputMode="numeric"
            value={form.maxInputTokens}
            onChange={(e) => update({ maxInputTokens: e.target.value })}
          />
        </Field>
        <Field id="max-output-tokens" label="Max output tokens">
          <input
            id="max-output-tokens"
            inputMode="numeric"
            value={form.maxOutputTokens}
            onChange={(e) => update({ maxOutputTokens: e.target.value })}
          />
        </Field>
        <Field id="priority" label="Priority (-10 to 10)">
          <input
            id="priority"
            type="number"
            min={-10}
            max={10}
            value={form.priority}
            onChange={(e) => update({ priority: e.target.value })}
          />
        </Field>
        <Field id="tags" label="Tags">
          <input
            id="tags"
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
