// The composer's draft, kept per window (sessionStorage) so a half-written task survives a
// view change or a reload. It leaves only when the task is sent or the person discards it.
// What is read back is checked field by field against the empty form: a stale or edited
// entry can only fill fields of the right type, never break the composer.
import { EMPTY_FORM, type ComposerForm } from './compose-input';

const KEY = 'webrun-desk.composer-draft.v1';

export interface ComposerDraft {
  form: ComposerForm;
  /** What the next task starts from (the defaults or the picked template). */
  base: ComposerForm;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage refused (privacy settings): drafts simply do not persist
  }
}

function sameShape(value: unknown, like: unknown): boolean {
  if (Array.isArray(like)) return Array.isArray(value);
  return typeof value === typeof like;
}

/** Keeps each known field whose type matches the empty form's; anything else is the default. */
export function reviveForm(raw: unknown): ComposerForm {
  if (raw === null || typeof raw !== 'object') return EMPTY_FORM;
  const record = raw as Record<string, unknown>;
  const form: Record<string, unknown> = { ...EMPTY_FORM };
  for (const key of Object.keys(EMPTY_FORM) as (keyof ComposerForm)[]) {
    if (sameShape(record[key], EMPTY_FORM[key])) form[key] = record[key];
  }
  const attachments = Array.isArray(form.attachments) ? form.attachments : [];
  form.attachments = attachments.filter(
    (a: unknown) =>
      a !== null &&
      typeof a === 'object' &&
      typeof (a as { fileId?: unknown }).fileId === 'string' &&
      typeof (a as { name?: unknown }).name === 'string' &&
      typeof (a as { size?: unknown }).size === 'number',
  );
  form.credentials = (form.credentials as unknown[]).filter((c) => typeof c === 'string');
  return form as unknown as ComposerForm;
}

export function loadDraft(): ComposerDraft {
  const text = storage()?.getItem(KEY);
  if (!text) return { form: EMPTY_FORM, base: EMPTY_FORM };
  try {
    const parsed = JSON.parse(text) as { form?: unknown; base?: unknown };
    return { form: reviveForm(parsed.form), base: reviveForm(parsed.base) };
  } catch {
    return { form: EMPTY_FORM, base: EMPTY_FORM };
  }
}

export function saveDraft(draft: ComposerDraft): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(draft));
  } catch {
    // quota or privacy refusal: the draft lives as long as the view, as before
  }
}

/** True when the form holds something the person typed or chose beyond what it started from. */
export function isDirty(form: ComposerForm, base: ComposerForm): boolean {
  return JSON.stringify(form) !== JSON.stringify(base);
}
