// Bundles the command-line host (src-main/cli, with the browser-mode server and the sandbox it
// hosts) into out/cli/main.mjs, so `webrun-desk` starts as plain JavaScript instead of
// compiling TypeScript at every start. Run by `npm run build` and, through `prepare`, by
// `npm install`, so a clean clone's `npx webrun-desk` works at once.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without dev dependencies: the bin then says to run `npm run build`.
  console.error(
    'webrun-desk: esbuild is not installed, so the CLI was not bundled (run npm install, then npm run build).',
  );
  process.exit(0);
}

await esbuild.build({
  absWorkingDir: root,
  // The integrity check's worker is its own file next to main.mjs (see core/integrity/run-check.ts).
  entryPoints: {
    main: 'src-main/cli/main.ts',
    'integrity-worker': 'src-main/core/integrity/integrity-worker.mjs',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // A native addon cannot be bundled; ws's optional native helpers are loaded only if present.
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  // CommonJS dependencies (socket.io, ws) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __webrunCreateRequire } from 'node:module'; const require = __webrunCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
});
