// The bound on npm start's setup steps: a step that stops making progress is stopped with
// that reason (a black-holed network), one that keeps writing is left alone, and a failure
// comes back as the one line that says why.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { reasonFrom, runBounded } from '../../scripts/start/bounded-step.mjs';
import { tempDir } from '../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function step(script: string, stallMs: number, limitMs = 60_000) {
  const t = tempDir('webrun-bounded-');
  cleanups.push(t.cleanup);
  const out = new PassThrough();
  let printed = '';
  out.on('data', (c: Buffer) => (printed += c.toString()));
  const result = runBounded({
    label: 'Step',
    command: process.execPath,
    args: ['-e', script],
    cwd: t.dir,
    env: process.env,
    watch: [t.dir],
    stallMs,
    limitMs,
    out,
  });
  return { result, printed: () => printed, dir: t.dir };
}

describe('runBounded', () => {
  it('stops a step that writes nothing for the stall time, and says so', async () => {
    const { result } = step('setInterval(() => {}, 1000)', 600);
    await expect(result).resolves.toEqual({ ok: false, reason: 'no progress for 1 s' });
  });

  it('leaves a step alone while what it writes keeps growing', async () => {
    // Three times longer than the stall bound, so only the growth keeps it alive. The bound is
    // 30 times the pause between writes, so a busy machine's late timer is not a stall.
    const script =
      "const fs = require('fs'); let n = 0; const t = setInterval(() => { fs.appendFileSync('f', 'x'.repeat(1000)); if (++n === 90) clearInterval(t); }, 100);";
    const { result, dir } = step(script, 3_000);
    await expect(result).resolves.toEqual({ ok: true });
    expect(statSync(join(dir, 'f')).size).toBe(90_000);
  });

  it('stops a step past its overall limit even while it progresses', async () => {
    const { result } = step(
      "const fs = require('fs'); setInterval(() => fs.appendFileSync('f', 'x'), 50)",
      5_000,
      800,
    );
    await expect(result).resolves.toEqual({ ok: false, reason: 'not done after 1 s' });
  });

  it('reports a failed step by its error line, not its stack', async () => {
    const { result } = step(
      "console.error(new Error('connect ECONNREFUSED 127.0.0.1:9').stack); process.exit(1)",
      5_000,
    );
    await expect(result).resolves.toEqual({
      ok: false,
      reason: 'Error: connect ECONNREFUSED 127.0.0.1:9',
    });
  });
});

describe('reasonFrom', () => {
  it('prefers the line a caller names, else an error line, else the last line', () => {
    expect(
      reasonFrom(
        'noise\nbetter-sqlite3 for Electron: no compiler\n',
        /^better-sqlite3 for Electron:/,
      ),
    ).toBe('better-sqlite3 for Electron: no compiler');
    expect(
      reasonFrom('progress\nHTTPError: Response code 404 (Not Found)\n    at x (y.js:1:1)\n'),
    ).toBe('HTTPError: Response code 404 (Not Found)');
    expect(reasonFrom('just one thing went wrong\n')).toBe('just one thing went wrong');
    expect(reasonFrom('')).toBe('it exited without saying why');
  });
});
