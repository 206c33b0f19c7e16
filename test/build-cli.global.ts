// Vitest global setup: the CLI tests spawn bin/webrun-desk.mjs, which runs the bundle in
// out/cli; rebuild it first (esbuild, about a second) so they never test a stale bundle.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildCli(): void {
  const root = join(import.meta.dirname, '..');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0)
    throw new Error('scripts/build-cli.mjs failed: the CLI bundle could not be built');
}
