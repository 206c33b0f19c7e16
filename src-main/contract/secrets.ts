// Secrets: the WebRun API key and saved site credentials. Write-only: values go in, only
// whether they exist ever comes back out.
import { type MethodSpec, None } from './common';
import type { MethodName } from './names';
import { z } from './zod';

/** What the UI may know about secrets: whether they exist, never their values. */
export const SecretStatus = z.object({
  apiKeySet: z.boolean(),
  source: z.enum(['env', 'saved']).nullable(),
  storage: z.enum(['os', 'basic_text', 'plain_file', 'unavailable']),
  /** A saved key that can no longer be decrypted: ask for it again. */
  needsReentry: z.boolean(),
  warning: z.string().nullable(),
  /** Sites with saved credentials (match patterns only). */
  credentialSites: z.array(z.string()),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const SiteMatch = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(all|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)$/i,
    'A site is a domain (example.com), a wildcard (*.example.com) or "all".',
  );

const ApiKeyInput = z.strictObject({
  apiKey: z
    .string()
    .trim()
    .min(8, 'That does not look like a WebRun API key.')
    .max(500)
    .regex(/^\S+$/, 'An API key has no spaces.'),
});
/** The running backend keeps its key until the next start: the answer says whether one is due. */
const ApiKeyStatus = SecretStatus.extend({ restartRequired: z.boolean() });
const CredentialsInput = z.strictObject({
  match: SiteMatch,
  fields: z
    .record(z.string().min(1).max(100), z.string().max(10_000))
    .refine(
      (f) => Object.keys(f).length > 0 && Object.keys(f).length <= 20,
      'Give between 1 and 20 fields.',
    ),
});
const SiteInput = z.strictObject({ match: SiteMatch });

export const secretMethods = {
  'secrets.status': { input: None, output: SecretStatus },
  'secrets.setApiKey': { input: ApiKeyInput, output: ApiKeyStatus },
  'secrets.clearApiKey': { input: None, output: ApiKeyStatus },
  'credentials.save': { input: CredentialsInput, output: SecretStatus },
  'credentials.delete': { input: SiteInput, output: SecretStatus },
} satisfies Partial<Record<MethodName, MethodSpec>>;
