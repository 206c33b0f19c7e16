// The composer: prompt, starting URL and, under "Options", everything else a task takes.
// Nothing typed is lost when the core refuses; only what was sent is cleared on success. The
// draft outlives the view and a reload (composer-draft.ts) until it is sent or discarded.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { describedBy, FormError } from '../common/FormError';
import { useDraftStore } from '../../stores/draft-store';
import { useSecretsStore } from '../../stores/secrets-store';
import { useTasksStore } from '../../stores/tasks-store';
import {
  buildInput,
  coreRefusal,
  EMPTY_FORM,
  type ComposerForm,
  type FieldErrors,
} from './compose-input';
import { ComposerOptions } from './ComposerOptions';
import { formFromTask } from './form-from-task';
import { EnvironmentPicker } from '../environments/EnvironmentPicker';
import { CredentialPicker } from './CredentialPicker';
import { sitesForUrl } from './credential-sites';
import { TemplateBar } from './TemplateBar';
import { resetOptions } from './options-summary';
import { unfilledProblem } from './placeholders';
import { isDirty, loadDraft, saveDraft } from './composer-draft';
import { useUndoStore } from '../../stores/undo-store';

/** The element each field's mistake belongs to, in reading order. */
const FIELD_IDS: [keyof FieldErrors, string][] = [
  ['prompt', 'prompt'],
  ['startingUrl', 'starting-url'],
  ['jsonSchema', 'json-schema'],
  ['csvColumns', 'csv-columns'],
  ['sessionId', 'session'],
  ['maxDurationSec', 'max-duration'],
  ['costCap', 'cost-cap'],
  ['maxInputTokens', 'max-input-tokens'],
  ['maxOutputTokens', 'max-output-tokens'],
  ['priority', 'priority'],
  ['tags', 'tags'],
];

function withoutKeys(errors: FieldErrors, keys: string[]): FieldErrors {
  if (!keys.some((k) => k in errors)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !keys.includes(k)));
}

/** After React has drawn the errors (and opened Options), the first field to fix takes the focus. */
function focusFirst(errors: FieldErrors): void {
  const first = FIELD_IDS.find(([key]) => errors[key]);
  if (first) requestAnimationFrame(() => document.getElementById(first[1])?.focus());
}

export function Composer() {
  const createTask = useTasksStore((s) => s.create);
  const [initial] = useState(loadDraft);
  const [form, setForm] = useState<ComposerForm>(initial.form);
  /** What the next task starts from: the defaults, or the template the person picked. */
  const [base, setBase] = useState<ComposerForm>(initial.base);
  useEffect(() => saveDraft({ form, base }), [form, base]);
  /** The core's refusal, or a mistake no single field shows (files, credentials). */
  const [error, setError] = useState<string | null>(null);
  /** Every field's mistake at once, each shown beside its field. */
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const errorId = useId();
  const [busy, setBusy] = useState(false);
  const sites = useSecretsStore((s) => s.status?.credentialSites);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  // "Run again": the task's inputs replace the form (adjusted during render), then the
  // prompt takes focus for the edit. What the next task starts from (base) stays as it was.
  const draft = useDraftStore((s) => s.pending);
  const takenDraft = useDraftStore((s) => s.taken);
  const [appliedSeq, setAppliedSeq] = useState(0);
  if (draft && draft.seq !== appliedSeq) {
    setAppliedSeq(draft.seq);
    setForm(formFromTask(draft.task));
    setError(null);
  }
  useEffect(() => {
    if (appliedSeq === 0) return;
    takenDraft(appliedSeq);
    promptRef.current?.focus();
  }, [appliedSeq, takenDraft]);
  // A change to what the error was about makes the error stale: it goes with the edit.
  const update = (patch: Partial<ComposerForm>): void => {
    setError(null);
    setFieldErrors((current) => withoutKeys(current, Object.keys(patch)));
    setForm((current) => ({ ...current, ...patch }));
  };
  /** Until the person picks sites themselves, the starting URL's domain picks them. */
  const setStartingUrl = (startingUrl: string): void => {
    setFieldErrors((current) => withoutKeys(current, ['startingUrl']));
    setForm((current) => ({
      ...current,
      startingUrl,
      ...(current.credentialsChosen ? {} : { credentials: sitesForUrl(startingUrl, sites ?? []) }),
    }));
  };

  async function submit(): Promise<void> {
    if (busy) return;
    const built = buildInput(form);
    const blanks = unfilledProblem(form.prompt, form.startingUrl);
    if (!built.ok || blanks) {
      const found: FieldErrors = { ...(built.ok ? {} : built.errors) };
      if (blanks) found.prompt = blanks;
      setFieldErrors(found);
      setError(found.attachments ?? found.credentials ?? null);
      focusFirst(found);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    setError(null);
    try {
      const sent = form;
      await createTask(built.input);
      // Clear only what was sent: the user may already be typing the next task. Options go
      // back to the defaults (or the picked template): hidden settings must not ride along.
      setForm((current) => {
        const urlSent = current.startingUrl === sent.startingUrl;
        return {
          ...resetOptions(current, base),
          prompt: current.prompt === sent.prompt ? '' : current.prompt,
          startingUrl: urlSent ? '' : current.startingUrl,
          // Sites picked by the URL go with it.
          credentials: urlSent && !current.credentialsChosen ? [] : current.credentials,
        };
      });
    } catch (e) {
      const refusal = coreRefusal((e as Error).message);
      if (refusal) {
        setFieldErrors({ [refusal.field]: refusal.words });
        focusFirst({ [refusal.field]: refusal.words });
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** Empties the composer back to the defaults, with Undo for a few seconds. */
  function discard(): void {
    const kept = { form, base };
    setForm(EMPTY_FORM);
    setBase(EMPTY_FORM);
    setError(null);
    setFieldErrors({});
    useUndoStore.getState().offer('Draft discarded.', async () => {
      setForm(kept.form);
      setBase(kept.base);
    });
    promptRef.current?.focus();
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      aria-label="New task"
      noValidate
    >
      <TemplateBar
        form={form}
        onApply={(next) => {
          setForm(next);
          setBase(next);
          setError(null);
        }}
      />
      <label htmlFor="prompt">Task</label>
      <textarea
        id="prompt"
        ref={promptRef}
        value={form.prompt}
        onChange={(e) => update({ prompt: e.target.value })}
        {...describedBy('prompt-error', fieldErrors.prompt)}
        placeholder="What should the agent do? e.g. Find the three cheapest flights from Paris to Lisbon next Friday"
        rows={3}
        dir="auto"
      />
      <FormError id="prompt-error">{fieldErrors.prompt}</FormError>
      <label htmlFor="starting-url">Starting URL (optional)</label>
      <input
        id="starting-url"
        type="url"
        value={form.startingUrl}
        onChange={(e) => setStartingUrl(e.target.value)}
        placeholder="example.com or https://example.com"
        {...describedBy('starting-url-error', fieldErrors.startingUrl)}
      />
      <FormError id="starting-url-error">{fieldErrors.startingUrl}</FormError>
      <EnvironmentPicker
        value={form.environmentId}
        onChange={(environmentId) => update({ environmentId })}
      />
      <CredentialPicker
        selected={form.credentials}
        onChange={(credentials) => update({ credentials, credentialsChosen: true })}
      />
      <ComposerOptions
        form={form}
        errors={fieldErrors}
        update={update}
        updateAttachments={(next) =>
          setForm((current) => ({ ...current, attachments: next(current.attachments) }))
        }
      />
      <FormError id={errorId}>{error}</FormError>
      <div className="composer-actions">
        <span className="hint">Ctrl+Enter to run</span>
        {isDirty(form, EMPTY_FORM) && (
          <button type="button" onClick={discard}>
            Discard draft
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Run
        </button>
      </div>
    </form>
  );
}
