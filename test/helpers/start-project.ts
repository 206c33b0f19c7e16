// A throwaway copy of the project as `npm start` sees it, for testing scripts/start.mjs with
// no real Electron and no internet: the real start scripts, a temporary copy of the real
// electron package (with its own install step) whose checksums name a stand-in runtime, a
// stand-in CLI for browser mode, and a stand-in `npx` for the better-sqlite3 build. Every
// stand-in records how it was started, so a test can see what ran.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { storedZip } from './stored-zip';

const REAL = join(import.meta.dirname, '../..');
export const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(REAL, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
export const RUNTIME_ZIP = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;

/** The stand-in runtime: an Electron-shaped zip whose executable writes its arguments down. */
export function standInRuntime(): Buffer {
  return storedZip([
    {
      name: 'electron',
      mode: 0o755,
      data: '#!/bin/sh\nprintf "%s\\n" "$PWD" "$@" > "$STANDIN_DIR/electron-args.txt"\n',
    },
    { name: 'version', data: ELECTRON_VERSION },
  ]);
}

export interface StartProject {
  root: string;
  /** What the stand-ins recorded, or null when they never ran. */
  recorded(name: 'electron-args' | 'serve-args' | 'npx-calls' | 'builds'): string[] | null;
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
}

export function startProject(dir: string, runtime: Buffer): StartProject {
  const root = join(dir, 'project');
  const standIns = join(dir, 'stand-ins');
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  mkdirSync(standIns, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'start-test',
      private: true,
      type: 'module',
      main: 'out/main/index.js',
      // Each build step notes that it ran (start.mjs builds only what is stale).
      scripts: {
        build: 'node -e 0',
        'build:app': `node -e "require('fs').appendFileSync(process.env.STANDIN_DIR+'/builds.txt','app\\n')"`,
        'build:cli': `node -e "require('fs').appendFileSync(process.env.STANDIN_DIR+'/builds.txt','CLI\\n')"`,
      },
    }),
  );
  cpSync(join(REAL, 'scripts/start.mjs'), join(root, 'scripts/start.mjs'));
  cpSync(join(REAL, 'scripts/start'), join(root, 'scripts/start'), { recursive: true });
  cpSync(
    join(REAL, 'scripts/build-electron-sqlite.mjs'),
    join(root, 'scripts/build-electron-sqlite.mjs'),
  );

  // The electron package itself, without any runtime, checksums naming the stand-in.
  const electron = join(root, 'node_modules/electron');
  cpSync(join(REAL, 'node_modules/electron'), electron, {
    recursive: true,
    filter: (src) => !/[/\\](dist|path\.txt)$/.test(src),
  });
  writeFileSync(
    join(electron, 'checksums.json'),
    JSON.stringify({ [RUNTIME_ZIP]: createHash('sha256').update(runtime).digest('hex') }),
  );
  // Its own dependencies (@electron/get, extract-zip, …) come from the real tree.
  for (const name of readdirSync(join(REAL, 'node_modules'))) {
    if (name === 'electron' || name === 'better-sqlite3' || name === '.bin') continue;
    symlinkSync(join(REAL, 'node_modules', name), join(root, 'node_modules', name));
  }
  // better-sqlite3's Node build, which nothing may overwrite.
  mkdirSync(join(root, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  writeFileSync(
    join(root, 'node_modules/better-sqlite3/package.json'),
    '{"name":"better-sqlite3","version":"0.0.0"}',
  );
  writeFileSync(
    join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
    'node build',
  );

  mkdirSync(join(root, 'bin'));
  writeFileSync(
    join(root, 'bin/webrun-desk.mjs'),
    "import { writeFileSync } from 'node:fs';\n" +
      "writeFileSync(process.env.STANDIN_DIR + '/serve-args.txt', process.argv.slice(2).join('\\n') + '\\n');\n" +
      "console.log('WebRun Desk is running in browser mode. Open: http://127.0.0.1:1/?token=standin');\n",
  );
  // `npx prebuild-install` stands in for the download of a prebuilt Electron addon.
  writeFileSync(
    join(standIns, 'npx'),
    '#!/bin/sh\necho "$*" >> "$STANDIN_DIR/npx-calls.txt"\n[ "$STANDIN_SQLITE" = fail ] && { echo "prebuild-install warn install No prebuilt binaries found" >&2; exit 1; }\n' +
      'mkdir -p build/Release && printf "electron build" > build/Release/better_sqlite3.node\n',
  );
  chmodSync(join(standIns, 'npx'), 0o755);

  return {
    root,
    recorded(name) {
      const file = join(standIns, `${name}.txt`);
      return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n') : null;
    },
    env(extra = {}) {
      // Nothing Electron-related leaks in from the machine running the tests (CI sets the skip).
      const base = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/electron/i.test(k)),
      );
      return {
        ...base,
        PATH: `${standIns}:${process.env.PATH ?? ''}`,
        DISPLAY: ':99',
        STANDIN_DIR: standIns,
        electron_config_cache: join(dir, 'electron-cache'),
        ...extra,
      };
    },
  };
}
