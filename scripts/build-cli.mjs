// Bundles the command-line host (src-main/cli, with the browser-mode server and the sandbox it
// hosts) into out/cli/main.mjs, so `webrun-desk` starts as plain JavaScript instead of
// compiling TypeScript at every start. Run by `npm run build`, `npm start`, `npm pack`
// (prepack) and, in a clone where it is missing, by bin/webrun-desk.mjs at its first use.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

const outdir = join(root, 'out/cli');
const result = await esbuild.build({
  absWorkingDir: root,
  // The integrity check's worker is its own file next to main.mjs (see core/integrity/run-check.ts),
  // and so is the detached process of a history's shared sandbox (core/shared-sandbox/launch.ts).
  entryPoints: {
    main: 'src-main/cli/main.ts',
    'integrity-worker': 'src-main/core/integrity/integrity-worker.mjs',
    'sandbox-host': 'src-main/core/shared-sandbox/host-entry.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // main.ts imports each command's module only when it runs; split, each becomes a chunk of its
  // own and `--help` loads only the small main.mjs. The chunks sit next to main.mjs, because
  // modules find files relative to themselves (out/renderer, package.json, integrity-worker.mjs).
  splitting: true,
  chunkNames: '[name]-[hash]',
  metafile: true,
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

// Chunk names carry a hash, so each build leaves the previous one's behind: remove what this
// build did not write (after it, so main.mjs is never missing while a CLI starts).
const written = new Set(Object.keys(result.metafile.outputs).map((p) => relative('out/cli', p)));
for (const name of readdirSync(outdir))
  if (!written.has(name)) rmSync(join(outdir, name), { force: true });
