// What a folded "Options" hides that is not the default, in a few words, so a setting made for
// one task can never ride along unseen.
import { formatUsd } from '../../format';
import { EMPTY_FORM, type ComposerForm } from './compose-input';

const OUTPUT = {
  text: 'Text',
  structured_json: 'Structured JSON',
  structured_csv: 'Structured CSV',
} as const;
const MODE = { oneshot: 'One-shot', session: 'New session', followup: 'Follow-up' } as const;

export function optionsSummary(form: ComposerForm): string[] {
  const parts: string[] = [];
  if (form.outputType !== EMPTY_FORM.outputType) parts.push(OUTPUT[form.outputType]);
  if (form.mode !== EMPTY_FORM.mode)
    parts.push(MODE[form.mode] + (form.keepSessionOpen ? ', kept open' : ''));
  if (form.maxDurationSec.trim()) parts.push(`max ${form.maxDurationSec.trim()} s`);
  // A cap that reads as an amount is written as every amount is; anything else as typed (the
  // field's own message says what is wrong with it).
  const cap = form.costCap.trim();
  if (cap) parts.push(`cap ${Number.isFinite(Number(cap)) ? formatUsd(Number(cap)) : cap}`);
  if (form.maxInputTokens.trim()) parts.push(`≤ ${form.maxInputTokens.trim()} input tokens`);
  if (form.maxOutputTokens.trim()) parts.push(`≤ ${form.maxOutputTokens.trim()} output tokens`);
  if (form.priority.trim() !== '' && Number(form.priority) !== 0)
    parts.push(`priority ${form.priority.trim()}`);
  const tags = form.tags.split(/[\s,]+/).filter(Boolean);
  if (tags.length) parts.push(`tags ${tags.join(', ')}`);
  if (form.attachments.length)
    parts.push(`${form.attachments.length} file${form.attachments.length === 1 ? '' : 's'}`);
  return parts;
}

/** The fields under Options, as in `base`: what a new task starts from after one was sent. */
export function resetOptions(current: ComposerForm, base: ComposerForm): ComposerForm {
  const { prompt, startingUrl, credentials, credentialsChosen } = current;
  return { ...base, prompt, startingUrl, credentials, credentialsChosen };
}
