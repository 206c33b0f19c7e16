// `npm start` on a machine without Electron's runtime: it runs the electron package's own
// install step against a loopback mirror (ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR and the
// package's checksums all honoured), launches the runtime with the app, and does it once;
// where that cannot work it says why in one line and serves browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_VERSION,
  RUNTIME_ZIP,
  standInRuntime,
  startProject,
  type StartProject,
} from '../helpers/start-project';
import { closedPort } from '../helpers/closed-port';
import { tempDir } from '../helpers/temp';

interface Mirror {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A release mirror on 127.0.0.1 that serves `zip` under `dir` and records every request. */
async function mirror(zip: Buffer, dir: string): Promise<Mirror> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/${dir}/${RUNTIME_ZIP}`)
      res.writeHead(200, { 'content-length': zip.length }).end(zip);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function start(project: StartProject, env: NodeJS.ProcessEnv, args: string[] = []) {
  const t0 = Date.now();
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>(
    (resolve) => {
      const child = spawn(process.execPath, [join(project.root, 'scripts/start.mjs'), ...args], {
        cwd: project.root,
        env,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
    },
  );
}

const reasons = (stdout: string): string[] =>
  stdout.split('\n').filter((l) => l.startsWith('No desktop window:'));

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(served = standInRuntime()) {
  const t = tempDir('webrun-start-');
  cleanups.push(t.cleanup);
  const project = startProject(t.dir, standInRuntime());
  const m = await mirror(served, `custom-${ELECTRON_VERSION}`);
  cleanups.push(m.close);
  const env = project.env({ ELECTRON_MIRROR: m.url, ELECTRON_CUSTOM_DIR: 'custom-{{ version }}' });
  return { project, mirror: m, env };
}

describe.skipIf(process.platform === 'win32')('npm start and the Electron runtime', () => {
  it('installs the runtime from the mirror once, builds the Electron sqlite once, and launches the app', async () => {
    const { project, mirror: m, env } = await setup();
    const first = await start(project, env, ['--inspect-nothing']);
    expect(first.stdout + first.stderr).not.toContain('No desktop window');
    expect(first.code).toBe(0);
    expect(m.requests).toEqual([`/custom-${ELECTRON_VERSION}/${RUNTIME_ZIP}`]);
    // The stand-in runtime was started in the project with the app's folder (its main entry).
    expect(project.recorded('electron-args')).toEqual([
      project.root,
      project.root,
      '--inspect-nothing',
    ]);
    expect(project.recorded('serve-args')).toBeNull();
    // The Electron addon went to native/, the Node build stayed as it was.
    expect(
      readFileSync(
        join(project.root, `native/electron-${ELECTRON_VERSION}/better_sqlite3.node`),
        'utf8',
      ),
    ).toBe('electron build');
    expect(
      readFileSync(
        join(project.root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
        'utf8',
      ),
    ).toBe('node build');
    expect(project.recorded('npx-calls')).toHaveLength(1);

    const second = await start(project, env);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('Installing');
    expect(m.requests).toHaveLength(1);
    expect(project.recorded('npx-calls')).toHaveLength(1);
  });

  it('refuses a runtime that does not match the checksums the electron package ships', async () => {
    const {
      project,
      mirror: m,
      env,
    } = await setup(Buffer.concat([standInRuntime(), Buffer.from('tampered')]));
    const { stdout, code } = await start(project, env);
    expect(m.requests).toHaveLength(1);
    expect(reasons(stdout)).toHaveLength(1);
    expect(reasons(stdout)[0]).toMatch(/could not be installed \(.*checksum/i);
    expect(project.recorded('serve-args')).toEqual(['serve']);
    expect(project.recorded('electron-args')).toBeNull();
    expect(code).toBe(0);
  });

  it('says why in one line and serves browser mode when the mirror is unreachable', async () => {
    const { project, env } = await setup();
    const port = await closedPort();
    const { stdout } = await start(project, {
      ...env,
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
    });
    expect(reasons(stdout)).toEqual([
      expect.stringMatching(
        new RegExp(`could not be installed \\(.*ECONNREFUSED 127\\.0\\.0\\.1:${port}`),
      ),
    ]);
    expect(stdout).toContain('running in browser mode');
    expect(project.recorded('serve-args')).toEqual(['serve']);
  });

  it('names a failed better-sqlite3 build in one line, keeps the Node build, and serves browser mode', async () => {
    const { project, env } = await setup();
    const { stdout } = await start(project, { ...env, STANDIN_SQLITE: 'fail' });
    expect(reasons(stdout)).toEqual([
      expect.stringMatching(
        /^No desktop window: better-sqlite3 could not be built for Electron \(neither a prebuilt binary nor a compile worked/,
      ),
    ]);
    expect(
      existsSync(join(project.root, `native/electron-${ELECTRON_VERSION}/better_sqlite3.node`)),
    ).toBe(false);
    expect(
      readFileSync(
        join(project.root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
        'utf8',
      ),
    ).toBe('node build');
    expect(project.recorded('serve-args')).toEqual(['serve']);
  });

  it.each([
    [
      'ELECTRON_SKIP_BINARY_DOWNLOAD=1',
      { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      [],
      /ELECTRON_SKIP_BINARY_DOWNLOAD is set/,
    ],
    ['--browser', {}, ['--browser', '--port', '0'], /browser mode was asked for/],
  ])(
    'skips the download at once with %s (the mirror sees no request)',
    async (_name, extra, args, reason) => {
      const { project, mirror: m, env } = await setup();
      const { stdout, stderr } = await start(project, { ...env, ...extra }, args);
      expect(reasons(stdout)).toEqual([expect.stringMatching(reason)]);
      expect(stderr).not.toContain('Installing');
      expect(m.requests).toEqual([]);
      expect(project.recorded('serve-args')).toEqual([
        'serve',
        ...args.filter((a) => a !== '--browser'),
      ]);
    },
  );
});
