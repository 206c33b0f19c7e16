// Secrets at rest: the API key and per-site credentials, in one small JSON file outside the
// history database, written with mode 0600. How values are protected is the codec's job: the
// OS keychain (Electron safeStorage) in the desktop app, none beyond file permissions in
// browser mode and the CLI. Nothing here logs or returns a value except to the core.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretCodec {
  /** Where values end up protected: 'os' keychain, 'basic_text' (Linux fallback), or a plain file. */
  readonly storage: 'os' | 'basic_text' | 'plain_file' | 'unavailable';
  encode(value: string): string;
  /** Throws when the value can no longer be read (another machine, a reset keychain). */
  decode(stored: string): string;
}

export const plainCodec: SecretCodec = {
  storage: 'plain_file',
  encode: (value) => value,
  decode: (stored) => stored,
};

interface FileShape {
  version: 1;
  apiKey?: string;
  /** Site match pattern (`*.example.com`, `example.com`, `all`) → encoded JSON of its fields. */
  credentials?: Record<string, string>;
}

export class SecretFile {
  constructor(
    private readonly path: string,
    readonly codec: SecretCodec,
  ) {}

  read(): FileShape {
    if (!existsSync(this.path)) return { version: 1 };
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as FileShape;
      return parsed && typeof parsed === 'object' ? parsed : { version: 1 };
    } catch {
      // A damaged file is treated as empty rather than crashing; the user re-enters secrets.
      return { version: 1 };
    }
  }

  write(shape: FileShape): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(shape), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }
}
