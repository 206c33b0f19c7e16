#!/usr/bin/env node
// Runs the CLI from its bundle (out/cli/main.mjs), built by `npm run build`, by `npm start`, by
// `npm pack` (so a packed or installed copy has it) or, in a clone, here at its first use, so a
// start costs no TypeScript compile. (No `prepare` script builds it at install: npm lists a
// package's prepare as an install script that allowScripts must cover.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/main.mjs', import.meta.url);
const builder = fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url));
if (!existsSync(bundle) && existsSync(builder)) {
  process.stderr.write('webrun-desk: building the command line once (a few seconds)…\n');
  spawnSync(process.execPath, [builder], { stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!existsSync(bundle)) {
  process.stderr.write(
    'webrun-desk: the CLI is not built yet; run `npm run build` in the webrun-desk folder first.\n',
  );
  process.exit(1);
}
// The test suite runs every CLI it spawns with WEBRUN_STRICT_TIMERS=1: a timer set beyond
// 2^31 - 1 ms (which Node runs after 1 ms) then ends the process loudly instead of spinning.
if (process.env.WEBRUN_STRICT_TIMERS === '1') {
  process.on('warning', (warning) => {
    if (warning.name !== 'TimeoutOverflowWarning') return;
    process.stderr.write(`webrun-desk: ${warning.message} (a timer beyond 2^31 - 1 ms)\n`);
    process.exit(70);
  });
}
const { runCli } = await import(bundle.href);
// A command whose wait can never end (nothing left to wait for) would leave this top-level
// await unsettled, and Node would exit with code 13 and no word. Say so and exit 1 instead.
let settled = false;
process.once('beforeExit', () => {
  if (settled) return;
  process.stderr.write(
    'webrun-desk: the command stopped waiting with nothing left to wait for (a bug: please report it with the command you ran).\n',
  );
  process.exit(1);
});
await runCli(process.argv.slice(2)).finally(() => (settled = true));
