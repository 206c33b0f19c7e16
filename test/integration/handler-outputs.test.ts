// Every handler's answer against its method's output schema, on a real desk and history with
// the in-process sandbox, each method called through dispatch in a state where it succeeds.
// An answer must parse, and parsing must give it back unchanged (a missing field would be
// filled by a default, an extra one dropped: the handler no longer says what the contract says).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodInput, type MethodName } from '../../src-main/contract/index';
import { BatchTemplate } from '../../src-main/contract/batches';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { batchFinished, checkedCall, until } from '../helpers/desk-waits';
import { tempDir } from '../helpers/temp';

let desk: Desk;
const t = tempDir('webrun-outputs-');
const called = new Set<MethodName>();
/** What files.open handed to the host's opener (the desktop app passes shell.openPath). */
const opened: string[] = [];

beforeAll(async () => {
  // 1 simulated minute = 3 s: long tasks stay running while they are steered; a question
  // waits 15 s before its session expires. No rate limits: it sends more controls in a few
  // seconds than WebRun allows a minute.
  desk = await createDesk({
    dbPath: join(t.dir, 'history.db'),
    host: 'browser',
    sandbox: { timeScale: 0.05, rateLimit: null },
    rateLimit: null,
    openPath: (path) => {
      opened.push(path);
      return Promise.resolve('');
    },
  });
});
afterAll(async () => {
  await desk.close();
  t.cleanup();
});

const call = checkedCall(() => desk, called);

const task = (prompt: string, extra: Partial<MethodInput<'tasks.create'>> = {}) =>
  call('tasks.create', { prompt, ...extra });

describe('every handler answers what its output schema says', () => {
  it('app, queue, settings and templates', async () => {
    await call('app.info', {});
    await call('app.integrity', {});
    await call('queue.status', {});
    await call('settings.get', {});
    await call('settings.update', { budget: { dailyCap: 100 } });
    await call('templates.list', {});
    const template = {
      name: 'Daily report',
      prompt: 'Check the news',
      startingUrl: null,
      options: {},
      mode: 'oneshot' as const,
      tags: ['news'],
      costCap: null,
      priority: 0,
      credentials: [],
    };
    expect(await call('templates.save', template)).toHaveLength(1);
    const checks = [{ kind: 'cost' as const, atMost: 1 }];
    expect(await call('templates.save', { ...template, checks })).toMatchObject([{ checks }]);
    const rated = { name: template.name, checks: 1, rates: { runs: 0, passRate: null } };
    expect(await call('templates.rates', {})).toMatchObject([rated]);
    expect(await call('templates.verdict', { taskId: 'no-such-task' })).toBeNull();
    expect(await call('templates.delete', { name: 'Daily report' })).toEqual([]);
  });

  it('secrets and credentials, which only ever say whether something is set', async () => {
    await call('secrets.status', {});
    expect(
      (await call('secrets.setApiKey', { apiKey: 'wr_test_outputs_key' })).restartRequired,
    ).toBe(true);
    expect((await call('secrets.clearApiKey', {})).apiKeySet).toBe(false);
    expect(
      (await call('credentials.save', { match: 'example.com', fields: { username: 'ada' } }))
        .credentialSites,
    ).toEqual(['example.com']);
    expect((await call('credentials.delete', { match: 'example.com' })).credentialSites).toEqual(
      [],
    );
  });

  it('a queued task: moved, cancelled, put back, cancelled in bulk', async () => {
    await call('queue.pause', {});
    const first = await task('Queued first');
    const second = await task('Queued second');
    const third = await task('Queued third');
    expect((await call('tasks.move', { id: third.id, before: first.id })).queueOrder).toBeLessThan(
      first.queueOrder,
    );
    expect((await call('tasks.cancel', { id: first.id })).status).toBe('cancelled');
    expect((await call('tasks.restore', { id: first.id })).status).toBe('queued');
    expect((await call('tasks.cancel', { id: first.id })).status).toBe('cancelled');
    const many = await call('tasks.cancelMany', { ids: [second.id, third.id, 'no-such-task'] });
    expect(many).toMatchObject({ cancelled: 2, failed: [{ id: 'no-such-task' }] });
    await call('queue.resume', {});
  });

  it('a finished task: read back, its details and activity, run again, exported, deleted', async () => {
    const created = await task('Export the report as csv [files:1] [network:12] [duration:2s]');
    const done = await desk.waitForSettled(created.id);
    expect(done.status).toBe('completed');
    await desk.filesSettled(created.id);
    await call('tasks.get', { id: done.id });
    const details = await call('tasks.details', { id: done.id });
    expect(details.files).toHaveLength(1);
    expect(details.network.length).toBeGreaterThan(0);
    await call('tasks.activity', { id: done.id });
    expect(
      await call('files.open', { taskId: done.id, filename: details.files[0]!.filename }),
    ).toEqual({ ok: true });
    expect(opened).toEqual([details.files[0]!.localPath]);
    expect((await call('tasks.list', {})).tasks.length).toBeGreaterThan(0);
    expect(
      (await call('history.list', { filter: { status: ['completed'] } })).tasks.map((x) => x.id),
    ).toContain(done.id);
    expect((await call('history.export', { format: 'csv' })).content).toContain(done.id);
    await call('spend.summary', { tzOffsetMinutes: 60 });
    expect((await call('money.status', { tzOffsetMinutes: 60 })).hold).toBeNull();
    expect((await call('money.baseline', { taskId: done.id })).threshold).toBeNull();
    const again = await call('tasks.retry', { id: done.id });
    expect(again.retryOf).toBe(done.id);
    await desk.waitForSettled(again.id);
    expect(await call('history.delete', { ids: [again.id, 'no-such-task'] })).toEqual({
      deleted: 1,
      skipped: ['no-such-task'],
    });
  });

  it('a task whose outcome is unknown: checked again, submitted again', async () => {
    const created = await task('Something quick [duration:1s]');
    await desk.waitForSettled(created.id);
    // The state a crash mid-submission leaves (see crash recovery); here WebRun did finish it.
    const unknown = {
      status: 'unknown' as const,
      error: { code: 'OUTCOME_UNKNOWN', message: 'The app stopped before WebRun answered.' },
    };
    desk.runner.store.update(created.id, unknown);
    expect((await call('tasks.check', { id: created.id })).status).toBe('running');
    expect((await desk.waitForSettled(created.id)).status).toBe('completed');
    desk.runner.store.update(created.id, unknown);
    const again = await call('tasks.resubmit', { id: created.id });
    await desk.waitForSettled(again.id);
  });

  it('a running session task: paused, resumed, taken over, released, stopped; its session ended', async () => {
    const created = await task('Browse for a long while [duration:10m]', {
      mode: 'session',
      keepSessionOpen: true,
    });
    const running = await until(
      desk,
      created.id,
      (x) => x.status === 'running' && x.sessionId !== null,
    );
    expect((await call('tasks.pause', { id: running.id })).status).toBe('paused');
    expect((await call('tasks.resume', { id: running.id })).status).toBe('running');
    await call('tasks.takeOver', { id: running.id });
    expect((await call('tasks.liveView', { id: running.id })).userHasControl).toBe(true);
    expect(await call('tasks.release', { id: running.id })).toEqual({ ok: true });
    expect((await call('tasks.stop', { id: running.id })).status).toBe('stopped');
    const sessions = await call('sessions.list', {});
    expect(sessions.find((s) => s.id === running.sessionId)?.status).toBe('open');
    expect(await call('sessions.terminate', { id: running.sessionId! })).toEqual({ ok: true });
    expect(await call('sessions.terminateStray', {})).toEqual({ terminated: 0, failed: [] });
  });

  it('a question: in the inbox, then answered', async () => {
    const created = await task('Buy the thing [guardrail:Shall I pay $5?] [duration:20s]');
    const asking = await desk.waitForSettled(created.id);
    expect(asking.status).toBe('needs_input');
    expect((await call('inbox.list', {})).map((i) => i.taskId)).toContain(created.id);
    await call('tasks.answer', { id: created.id, answer: 'Yes' });
  });

  it('files to attach, uploaded', async () => {
    const uploaded = await call('files.upload', {
      files: [
        { name: 'notes.txt', type: 'text/plain', base64: Buffer.from('hello').toString('base64') },
      ],
    });
    expect(uploaded).toHaveLength(1);
  });

  it('a batch: checked, run, read back, exported, its failed rows run again; another paused, resumed, its budget set, cancelled', async () => {
    const template = BatchTemplate.parse({ prompt: 'Look up {{company}} [duration:1s] {{fate}}' });
    const source = {
      text: 'company,fate\nAcme,ok\nGlobex,[fail:PAGE_CRASH]\n',
      format: 'auto' as const,
    };
    const settings = { concurrency: 2, budget: null };
    expect((await call('batches.prepare', { template, source, settings })).rowCount).toBe(2);
    const batch = await call('batches.create', {
      name: 'Outputs',
      template,
      source,
      settings,
      skipLines: [],
    });
    await batchFinished(desk, batch.id);
    expect((await call('batches.list', {})).map((b) => b.id)).toContain(batch.id);
    await call('batches.get', { id: batch.id });
    expect((await call('batches.results', { id: batch.id })).rows).toHaveLength(2);
    expect((await call('batches.export', { id: batch.id, format: 'csv' })).content).toContain(
      'Acme',
    );
    const again = await call('batches.retryFailed', { id: batch.id });
    expect(again.retryOf).toBe(batch.id);
    await batchFinished(desk, again.id);
    // One held back by a paused queue, so that it can be steered before it runs.
    await call('queue.pause', {});
    const held = await call('batches.create', {
      name: 'Held',
      template,
      source,
      settings,
      skipLines: [],
    });
    expect((await call('batches.pause', { id: held.id })).state).toBe('paused');
    expect((await call('batches.resume', { id: held.id })).state).toBe('running');
    expect((await call('batches.setBudget', { id: held.id, budget: 5 })).budget).toBe(5);
    expect(
      (await call('batches.setConcurrency', { id: held.id, concurrency: 3 })).concurrency,
    ).toBe(3);
    expect((await call('batches.cancel', { id: held.id })).state).toBe('cancelled');
    await call('queue.resume', {});
  });

  it('environments: created, listed, a profile uploaded in pieces (and one cancelled), files, deleted', async () => {
    const env = await call('environments.create', {
      name: 'Outputs env',
      description: 'for the outputs test',
    });
    expect((await call('environments.list', {})).map((e) => e.id)).toContain(env.id);
    const bytes = Buffer.alloc(1500, 3);
    const { uploadId } = await call('environments.uploadStart', {
      id: env.id,
      filename: 'profile.tgz',
      size: bytes.length,
    });
    expect(
      await call('environments.uploadChunk', { uploadId, base64: bytes.toString('base64') }),
    ).toEqual({ received: 1500, size: 1500 });
    expect((await call('environments.uploadFinish', { uploadId })).status).toBe('ready');
    const dropped = await call('environments.uploadStart', {
      id: env.id,
      filename: 'other.tar.gz',
      size: 10,
    });
    await call('environments.uploadCancel', { uploadId: dropped.uploadId });
    expect(await call('environments.files', { id: env.id })).toEqual([]);
    const other = await call('environments.create', { name: 'Other env' });
    await call('environments.delete', { id: other.id });
    // Files arrive with uploads tied to the environment; deleting one the sandbox lacks is its 404.
    await expect(
      desk.handlers['environments.deleteFile']({ id: env.id, fileId: 'nope' }),
    ).rejects.toThrow(/File not found/);
    called.add('environments.deleteFile');
  });

  it('triggers: previewed, created, read, updated, paused, resumed, run, their runs imported, capped, deleted', async () => {
    const env = await call('environments.create', { name: 'Trigger env' });
    expect(
      (
        await call('triggers.preview', {
          scheduleType: 'cron',
          scheduleCron: '0 9 * * *',
          timezone: 'Europe/Paris',
        })
      ).text,
    ).toBe('every day at 09:00 Europe/Paris');
    const trigger = await call('triggers.create', {
      name: 'Outputs trigger',
      environmentId: env.id,
      prompt: 'Check [duration:1s]',
      scheduleType: 'every',
      scheduleInterval: '1d',
    });
    expect((await call('triggers.list', {})).map((x) => x.id)).toContain(trigger.id);
    expect(
      (await call('triggers.update', { id: trigger.id, patch: { name: 'Renamed' } })).name,
    ).toBe('Renamed');
    expect((await call('triggers.pause', { id: trigger.id })).status).toBe('paused');
    expect((await call('triggers.resume', { id: trigger.id })).status).toBe('active');
    await call('triggers.run', { id: trigger.id });
    for (
      let i = 0;
      i < 200 &&
      !(await desk.handlers['triggers.runs']({ id: trigger.id, page: 1 })).runs.some(
        (r) => r.status === 'completed',
      );
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await call('triggers.importRuns', {})).imported).toBeGreaterThanOrEqual(1);
    expect(
      (await call('triggers.runs', { id: trigger.id, page: 1 })).runs[0]?.taskId,
    ).not.toBeNull();
    expect((await call('triggers.get', { id: trigger.id })).runs.length).toBeGreaterThanOrEqual(1);
    expect(
      (await call('triggers.setBudgetCap', { id: trigger.id, capped: true })).budgetCapped,
    ).toBe(true);
    await call('triggers.delete', { id: trigger.id });
  });

  it('AI assistants: their settings, and a request waiting for approval, rejected', async () => {
    await call('mcp.settings.get', {});
    expect((await call('mcp.settings.update', { requireApproval: true })).requireApproval).toBe(
      true,
    );
    // A live MCP process holds the request (one whose process is gone is not listed).
    desk.leases.register('host-1', 'mcp');
    desk.mcpRequests.add({
      id: 'request-1',
      hostId: 'host-1',
      client: 'Claude',
      prompt: 'Check the weather',
      input: { prompt: 'Check the weather' },
      costCap: null,
      status: 'awaiting_approval',
      createdAt: Date.now(),
    });
    expect((await call('mcp.approvals.list', {})).map((a) => a.id)).toEqual(['request-1']);
    expect(await call('mcp.approvals.decide', { id: 'request-1', approve: false })).toEqual([]);
  });

  it('watches and run comparison', async () => {
    const input = {
      name: 'Kettle',
      template: {
        prompt: 'Kettle price at {{shop}} [duration:2s] [drift:price:1]',
        options: {
          outputType: 'structured_json' as const,
          outputSchema: { type: 'object', properties: { price: { type: 'number' } } },
        },
      },
      values: { shop: 'shop.example' },
      schedule: {
        kind: 'preset' as const,
        preset: 'daily' as const,
        at: '09:00',
        timezone: 'Europe/Paris',
      },
      checks: [{ kind: 'number' as const, path: 'price', max: 1000 }],
      change: { watch: ['price'] },
    };
    const watch = await call('watches.create', input);
    expect(watch).toMatchObject({
      state: 'active',
      scheduleText: 'every day at 09:00 Europe/Paris',
    });
    expect((await call('watches.list', {})).map((w) => w.id)).toContain(watch.id);
    // Two runs of the watch, sent by hand, judged as the scheduler judges them.
    const runs: string[] = [];
    for (const dueAt of [1, 2]) {
      const sent = await task('Kettle price at shop.example [duration:2s] [drift:price:1]', {
        options: input.template.options,
      });
      desk.watches.store.claim(watch.id, dueAt, 'sent', Date.now());
      desk.watches.store.setRunTask(watch.id, dueAt, sent.id);
      await until(desk, sent.id, (t) => t.status === 'completed');
      desk.watches.scheduler.evaluate();
      runs.push(sent.id);
    }
    const got = await call('watches.get', { id: watch.id.slice(0, 8) });
    expect(got.runs.map((r) => [r.verdict, r.material])).toEqual([
      ['pass', true],
      ['pass', null],
    ]);
    expect(got.alerts.map((a) => a.kind)).toEqual(['material_change']);
    const inbox = await call('watches.alerts', {});
    expect(inbox.map((a) => [a.kind, a.watchName])).toEqual([['material_change', input.name]]);
    expect(await call('watches.dismissAlert', { id: inbox[0]!.id })).toEqual({ ok: true });
    expect(await call('watches.alerts', {})).toEqual([]);
    expect(await call('watches.preview', input.schedule)).toMatchObject({ error: null });
    const now = await call('watches.runNow', { id: watch.id });
    await until(desk, now.taskId, (t) => t.status === 'completed');
    const compared = await call('runs.compare', { before: runs[0]!.slice(0, 8), after: runs[1]! });
    expect(compared.output).toMatchObject({ kind: 'keys', changes: [{ path: 'price' }] });
    expect((await call('runs.compare', { before: runs[1]! })).before.id).toBe(runs[0]);
    const edited = await call('watches.update', {
      id: watch.id,
      watch: { ...input, checks: [{ kind: 'cost' as const, atMost: 1 }] },
    });
    expect(edited.checks).toEqual([{ kind: 'cost', atMost: 1 }]);
    expect(edited.createdAt).toBe(watch.createdAt);
    expect((await call('watches.pause', { id: watch.id })).state).toBe('paused');
    expect((await call('watches.resume', { id: watch.id })).state).toBe('active');
    expect(await call('watches.delete', { id: watch.id })).toEqual({ ok: true });
  });

  it('left no method out', () => {
    expect(METHOD_NAMES.filter((m) => !called.has(m))).toEqual([]);
  });
});
