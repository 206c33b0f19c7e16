// Pure helpers of the composer, kept beside the reducers so the unit tests can reach them.
//
// Credential sites: the patterns are the contract's SiteMatch (`example.com`, `*.example.com`
// or `all`). "all" is never picked automatically: sending every credential should be a
// deliberate choice.
//
// Templates keep everything a task takes except what belongs to one run: uploaded files (their
// ids are WebRun's, for one use) and a follow-up's session (it will have ended).
import type { Template } from '../../src-main/contract/index';
import { buildInput, EMPTY_FORM, type ComposerForm } from '../features/composer/compose-input';

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export function siteMatchesHost(site: string, host: string): boolean {
  const pattern = site.toLowerCase();
  if (pattern === 'all') return false;
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  // www.example.com is the same site as example.com for a person typing a URL.
  return host === pattern || host === `www.${pattern}`;
}

export function sitesForUrl(url: string, sites: readonly string[]): string[] {
  const host = hostOf(url);
  return host ? sites.filter((site) => siteMatchesHost(site, host)) : [];
}

export function templateFromForm(form: ComposerForm, name: string): Template | string {
  const trimmed = name.trim();
  if (trimmed === '') return 'Name the template.';
  if (trimmed.length > 100) return 'A template name is 100 characters at most.';
  const built = buildInput({ ...form, mode: form.mode === 'followup' ? 'session' : form.mode, attachments: [] });
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
  };
}
