// The app's version, from package.json (two folders up from this module and from its bundle
// in out/cli alike), or 0.0.0 when it cannot be read.
import { readFileSync } from 'node:fs';

export function appVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
