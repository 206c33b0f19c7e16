// The one place the app keeps secrets. The API key from the environment wins over a saved
// one (and cannot be cleared from the UI); saved values go through the codec. The renderer
// can learn only whether a key is set and which sites have credentials, never a value.
import type { SecretStatus } from '../../contract/schemas';
import type { TaskInput } from '../webrun/request-body';
import { SecretFile, type SecretCodec } from './secret-file';

/** Saved site credentials as a task sends them (WebRun's `secrets`): read when sent, never stored. */
export type Secrets = NonNullable<TaskInput['secrets']>;

export class SecretStore {
  private readonly file: SecretFile;

  constructor(
    path: string,
    codec: SecretCodec,
    private readonly envApiKey: string | null = null,
  ) {
    this.file = new SecretFile(path, codec);
  }

  /** The key the core should use now, or null (sandbox). An unreadable saved key is null too. */
  apiKey(): string | null {
    if (this.envApiKey) return this.envApiKey;
    const stored = this.file.read().apiKey;
    if (!stored) return null;
    try {
      return this.file.codec.decode(stored);
    } catch {
      return null;
    }
  }

  status(): SecretStatus {
    const stored = this.file.read().apiKey;
    let needsReentry = false;
    if (!this.envApiKey && stored) {
      try {
        this.file.codec.decode(stored);
      } catch {
        needsReentry = true;
      }
    }
    const storage = this.file.codec.storage;
    return {
      apiKeySet: Boolean(this.envApiKey || (stored && !needsReentry)),
      source: this.envApiKey ? 'env' : stored && !needsReentry ? 'saved' : null,
      storage,
      needsReentry,
      warning:
        storage === 'basic_text'
          ? 'No secure keychain is available on this system (Linux basic_text backend): saved secrets are only obscured, not encrypted. Prefer setting WEBRUN_API_KEY in the environment.'
          : storage === 'plain_file'
            ? 'Saved secrets are kept in a file readable only by your user account (mode 0600), not in an OS keychain.'
            : storage === 'unavailable'
              ? 'Secrets cannot be saved here: no keychain is available. Set WEBRUN_API_KEY in the environment instead.'
              : null,
      credentialSites: Object.keys(this.file.read().credentials ?? {}).sort(),
    };
  }

  setApiKey(key: string): void {
    if (this.file.codec.storage === 'unavailable')
      throw new Error('No keychain is available to keep the key; set WEBRUN_API_KEY instead.');
    this.file.write({ ...this.file.read(), apiKey: this.file.codec.encode(key) });
  }

  clearApiKey(): void {
    const { apiKey: _gone, ...rest } = this.file.read();
    this.file.write({ ...rest, version: 1 });
  }

  saveCredentials(match: string, fields: Record<string, string>): void {
    if (this.file.codec.storage === 'unavailable')
      throw new Error('No keychain is available to keep credentials.');
    const shape = this.file.read();
    this.file.write({
      ...shape,
      credentials: {
        ...shape.credentials,
        [match]: this.file.codec.encode(JSON.stringify(fields)),
      },
    });
  }

  deleteCredentials(match: string): void {
    const shape = this.file.read();
    const { [match]: _gone, ...rest } = shape.credentials ?? {};
    this.file.write({ ...shape, credentials: rest });
  }

  /** The task `secrets` for the chosen sites; sites whose values cannot be read are left out. */
  credentialsFor(matches: string[]): { secrets: Secrets; unreadable: string[] } {
    // Most tasks name no site: their answer is known without reading the file (twice a task).
    if (matches.length === 0) return { secrets: [], unreadable: [] };
    const stored = this.file.read().credentials ?? {};
    const secrets: Secrets = [];
    const unreadable: string[] = [];
    for (const match of matches) {
      const value = stored[match];
      if (value === undefined) {
        unreadable.push(match);
        continue;
      }
      try {
        secrets.push({
          match,
          fields: JSON.parse(this.file.codec.decode(value)) as Record<string, string>,
        });
      } catch {
        unreadable.push(match);
      }
    }
    return { secrets, unreadable };
  }
}
