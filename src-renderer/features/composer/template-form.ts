// Templates and the composer's form, both ways. Templates keep everything a task takes except
// what belongs to one run: uploaded files (their ids are WebRun's, for one use) and a
// follow-up's session (it will have ended).
import type { Template } from '../../../src-main/contract/index';
import { buildInput, EMPTY_FORM, type ComposerForm } from './compose-input';

export function templateFromForm(form: ComposerForm, name: string): Template | string {
  const trimmed = name.trim();
  if (trimmed === '') return 'Name the template.';
  if (trimmed.length > 100) return 'A template name is 100 characters at most.';
  const built = buildInput({
    ...form,
    mode: form.mode === 'followup' ? 'session' : form.mode,
    attachments: [],
  });
  if (!built.ok) return built.error;
  const input = built.input;
  const { files: _files, ...options } = input.options ?? {};
  return {
    name: trimmed,
    prompt: input.prompt,
    startingUrl: input.startingUrl ?? null,
    options,
    mode: input.mode ?? 'oneshot',
    tags: input.tags ?? [],
    costCap: input.costCap ?? null,
    priority: input.priority ?? 0,
    credentials: form.credentials,
    environmentId: form.environmentId || null,
  };
}

export function formFromTemplate(t: Template): ComposerForm {
  const schema = t.options.outputSchema ?? null;
  const seconds = t.options.maxDuration ?? null;
  return {
    ...EMPTY_FORM,
    prompt: t.prompt,
    startingUrl: t.startingUrl ?? '',
    outputType: t.options.outputType ?? 'text',
    jsonSchema: schema && !Array.isArray(schema) ? JSON.stringify(schema, null, 2) : '',
    csvColumns: Array.isArray(schema) ? schema.join(', ') : '',
    maxDurationSec: seconds === null ? '' : String(Math.round(seconds / 1000)),
    maxInputTokens: t.options.maxInputTokens == null ? '' : String(t.options.maxInputTokens),
    maxOutputTokens: t.options.maxOutputTokens == null ? '' : String(t.options.maxOutputTokens),
    costCap: t.costCap === null ? '' : String(t.costCap),
    mode: t.mode,
    keepSessionOpen: false,
    priority: String(t.priority),
    tags: t.tags.join(', '),
    credentials: t.credentials,
    // The template's own choice of sites stands, even if the URL would suggest others.
    credentialsChosen: true,
    environmentId: t.environmentId ?? '',
    template: t.name,
  };
}
