// `npm start` builds only what is stale: everything on a fresh clone, nothing when out/ is
// newer than the sources, the app bundle alone when only the renderer changed; and it says so
// on one line while it builds.
import { spawn } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { standInRuntime, startProject } from '../helpers/start-project';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-start-build-');
afterAll(() => t.cleanup());

function start(
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

function write(root: string, path: string, when: Date): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '//\n');
  utimesSync(file, when, when);
}

describe.skipIf(process.platform === 'win32')('npm start builds what is stale', () => {
  it('builds all on a fresh clone, nothing when out/ is newer, and the app alone after a renderer edit', async () => {
    const project = startProject(t.dir, standInRuntime());
    const env = project.env({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    const earlier = new Date(Date.now() - 60_000);
    write(project.root, 'src-main/core/desk.ts', earlier);
    write(project.root, 'src-renderer/App.tsx', earlier);

    const first = await start(project.root, env);
    expect(first.code).toBe(0);
    const building = first.stdout.split('\n').filter((l) => l.startsWith('Building'));
    expect(building).toEqual([
      'Building WebRun Desk (app: nothing built yet; CLI: nothing built yet)…',
    ]);
    expect(first.stdout).toMatch(/^Built WebRun Desk in \d+ s\.$/m);
    expect(project.recorded('builds')).toEqual(['app', 'CLI']);

    const now = new Date();
    for (const out of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/cli/main.mjs',
    ])
      write(project.root, out, now);
    const second = await start(project.root, env);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/Build/);
    expect(project.recorded('builds')).toEqual(['app', 'CLI']);

    write(project.root, 'src-renderer/App.tsx', new Date(Date.now() + 1_000));
    const third = await start(project.root, env);
    expect(third.stdout).toContain('Building WebRun Desk (app: sources changed)…');
    expect(project.recorded('builds')).toEqual(['app', 'CLI', 'app']);
  }, 60_000);
});
