// A saved template's checks judge every completed run started from it, once, on a real SQLite
// file: pass, fail, or unverified (no checks, unreadable output), never a silent pass; failed
// runs and tasks of no template are not judged; each template's pass and flap rates cover its
// last 20 judged runs. Saving a template from the composer (no checks given) keeps its checks.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../../src-main/contract/index';
import { chainTimers } from '../../src-main/contract/timers';
import { Templates, settingsHandlers } from '../../src-main/core/settings/settings-handlers';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { RunSnapshots } from '../../src-main/core/watches/run-snapshots';
import { TemplateChecks } from '../../src-main/core/watches/template-checks';
import { tempDir } from '../helpers/temp';

let dir: { dir: string; cleanup: () => void };
let opened: ReturnType<typeof openStore>;
beforeEach(() => {
  dir = tempDir();
  opened = openStore(join(dir.dir, 'h.db'));
});
afterEach(() => {
  opened.db.close();
  dir.cleanup();
});

const base: Omit<Template, 'name'> = {
  prompt: 'Price of the kettle',
  startingUrl: null,
  options: { outputType: 'structured_json' },
  mode: 'oneshot',
  tags: [],
  costCap: null,
  priority: 0,
  credentials: [],
};

function setup(templates: Template[]) {
  const tasks = new TaskStore(opened.db);
  const checks = new TemplateChecks({
    db: opened.db,
    snapshots: new RunSnapshots(opened.db, tasks),
    templates: () => templates,
    now: () => 1_000,
    timers: chainTimers(
      (fn, ms) => setTimeout(fn, ms),
      (h: ReturnType<typeof setTimeout>) => clearTimeout(h),
    ),
    log: () => {},
    writable: true,
  });
  let n = 0;
  const run = (template: string | null, answer: string, status = 'completed' as const) => {
    n += 1;
    const id = `task-${String(n).padStart(3, '0')}`;
    tasks.create({
      id,
      prompt: 'p',
      startingUrl: null,
      createdAt: n,
      template,
      options: { outputType: 'structured_json' },
    });
    const task = tasks.update(id, { status, resultMessage: answer, endedAt: n });
    checks.taskChanged(task);
    return id;
  };
  return { tasks, checks, run };
}

const capped: Template = {
  ...base,
  name: 'Kettle',
  checks: [{ kind: 'number', path: 'price', min: null, max: 30 }],
};

describe("a template's checks", () => {
  it('judge each completed run started from it once: pass, fail, unverified', () => {
    const { checks, run } = setup([capped, { ...base, name: 'Unchecked' }]);
    const pass = run('Kettle', '{"price": 20}');
    const fail = run('Kettle', '{"price": 40}');
    const unreadable = run('Kettle', 'not json at all');
    const none = run('Unchecked', '{"price": 20}');
    const failedRun = run('Kettle', '{"price": 20}', 'failed' as never);
    const noTemplate = run(null, '{"price": 20}');
    const gone = run('Deleted since', '{"price": 20}');
    expect(checks.judgePending()).toBe(4);
    expect(checks.verdictOf(pass)?.verdict).toBe('pass');
    expect(checks.verdictOf(fail)).toMatchObject({
      verdict: 'fail',
      results: [{ outcome: 'fail', detail: expect.stringMatching(/40/) }],
    });
    expect(checks.verdictOf(unreadable)?.verdict).toBe('unverified');
    expect(checks.verdictOf(none)?.verdict).toBe('unverified');
    for (const id of [failedRun, noTemplate, gone]) expect(checks.verdictOf(id)).toBeNull();
    // Seen again (another process, a later update): judged once.
    checks.taskChanged({ id: pass, status: 'completed', template: 'Kettle' });
    expect(checks.judgePending()).toBe(0);
  });

  it('give each template its pass and flap rate over its last 20 judged runs', () => {
    const { checks, run } = setup([capped, { ...base, name: 'Unchecked' }]);
    // 5 old failures fall out of the window; then pass, fail alternating 10 times, then 10 passes.
    for (let i = 0; i < 5; i += 1) run('Kettle', '{"price": 99}');
    for (let i = 0; i < 10; i += 1) run('Kettle', `{"price": ${i % 2 === 0 ? 10 : 50}}`);
    for (let i = 0; i < 10; i += 1) run('Kettle', '{"price": 10}');
    checks.judgePending();
    const rates = checks.rates();
    expect(rates.map((r) => [r.name, r.checks])).toEqual([
      ['Kettle', 1],
      ['Unchecked', 0],
    ]);
    expect(rates[0]!.rates).toMatchObject({ runs: 20, passed: 15, failed: 5 });
    expect(rates[0]!.rates.passRate).toBeCloseTo(0.75);
    // Flips among the 20: 9 inside the alternating run, 1 into the passes: 10 of 19 pairs.
    expect(rates[0]!.rates.flapRate).toBeCloseTo(10 / 19);
    expect(rates[1]!.rates).toMatchObject({ runs: 0, passRate: null, flapRate: null });
  });
});

describe('saving a template', () => {
  it('keeps its checks when saved again without them (from the composer), and refuses a bad schema', () => {
    const settingsStore = new SettingsStore(opened.db);
    const h = settingsHandlers({ settingsStore, readOnlyReason: null } as never);
    h['templates.save'](capped);
    h['templates.save']({ ...base, name: 'Kettle', prompt: 'Edited prompt' });
    const [kept] = settingsStore.get('templates', Templates);
    expect(kept).toMatchObject({ prompt: 'Edited prompt', checks: capped.checks });
    h['templates.save']({ ...kept!, checks: [] });
    expect(settingsStore.get('templates', Templates)[0]!.checks).toEqual([]);
    expect(() =>
      h['templates.save']({ ...kept!, checks: [{ kind: 'schema', schema: { type: 'nope' } }] }),
    ).toThrow(/JSON Schema/);
    expect(settingsStore.get('templates', Templates)[0]!.checks).toEqual([]);
  });
});
