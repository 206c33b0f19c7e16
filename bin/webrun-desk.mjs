#!/usr/bin/env node
// Runs the CLI from its bundle (out/cli/main.mjs), built by `npm run build` and by `npm
// install` (the prepare script), so a start costs no TypeScript compile.
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/main.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'webrun-desk: the CLI is not built yet; run `npm run build` in the webrun-desk folder first.\n',
  );
  process.exit(1);
}
const { runCli } = await import(bundle.href);
await runCli(process.argv.slice(2));
