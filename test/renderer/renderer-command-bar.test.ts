// The command bar's matching and order, and the words a confirmation uses for what is lost.
import { describe, expect, it } from 'vitest';
import type { Template, TaskView } from '../../src-main/contract/index';
import {
  commandsFor,
  matches,
  type CommandSources,
} from '../../src-renderer/features/command-bar/commands';
import {
  cancelManyRequest,
  deleteHistoryRequest,
  endedMeanwhile,
  shortPrompt,
  stopRequest,
} from '../../src-renderer/stores/loss-text';
import { taskView } from '../helpers/task-view';

const task = (id: string, patch: Partial<TaskView> = {}): TaskView =>
  taskView({
    id,
    prompt: `prompt ${id}`,
    createdAt: 1000,
    updatedAt: 1000,
    queueOrder: 1000,
    ...patch,
  });
const template = (name: string, prompt: string): Template => ({
  name,
  prompt,
  startingUrl: null,
  options: {},
  mode: 'oneshot',
  tags: [],
  costCap: null,
  priority: 0,
  credentials: [],
});
const sources = (patch: Partial<CommandSources> = {}): CommandSources => ({
  templates: [],
  tasks: [],
  found: [],
  waitingQuestions: 0,
  queuePaused: false,
  ...patch,
});
const labels = (query: string, s: CommandSources): string[] =>
  commandsFor(query, s).map((c) => c.label);

describe('command bar', () => {
  it('matches every typed word anywhere, in any case', () => {
    expect(matches('LISBON flights', 'Find flights to Lisbon')).toBe(true);
    expect(matches('lisbon porto', 'Find flights to Lisbon')).toBe(false);
    expect(matches('  ', 'anything')).toBe(true);
  });

  it('offers pause or resume by the queue state, and the next question only when one waits', () => {
    expect(labels('', sources())).toContain('Pause the queue');
    expect(labels('', sources({ queuePaused: true }))).toContain('Resume the queue');
    expect(labels('', sources({ queuePaused: null }))).not.toContain('Pause the queue');
    expect(labels('', sources())).not.toContain('Answer the next question');
    const answer = commandsFor('answer', sources({ waitingQuestions: 2 }));
    expect(answer[0]).toMatchObject({
      label: 'Answer the next question',
      detail: '2 waiting',
      action: { kind: 'answer' },
    });
  });

  it('finds settings by a synonym and templates by their prompt', () => {
    expect(commandsFor('preferences', sources())[0]!.action).toEqual({
      kind: 'view',
      view: 'settings',
    });
    const found = commandsFor(
      'exchange',
      sources({ templates: [template('Daily rates', 'Check the exchange rates')] }),
    );
    expect(found[0]).toMatchObject({
      label: 'Run template “Daily rates”',
      action: { kind: 'template', name: 'Daily rates' },
    });
  });

  it('lists no tasks for an empty query; for text, matching tasks once each, then a history search', () => {
    const a = task('a', { prompt: 'Find flights to Lisbon' });
    const b = task('b', { prompt: 'Museum tickets', status: 'completed' });
    expect(labels('', sources({ tasks: [a, b] })).some((l) => l.startsWith('Open task'))).toBe(
      false,
    );
    const out = commandsFor(
      'lisbon',
      sources({ tasks: [a, b], found: [a, task('c', { prompt: 'Hotel near the river' })] }),
    );
    expect(out.map((c) => c.id)).toEqual(['task:a', 'task:c', 'search']);
    expect(out.at(-1)!.action).toEqual({ kind: 'search', text: 'lisbon' });
    expect(out[1]!.detail).toBe('Queued');
  });

  it('shows at most eight tasks', () => {
    const many = Array.from({ length: 20 }, (_, i) => task(`t${i}`, { prompt: `crawl page ${i}` }));
    expect(
      commandsFor('crawl', sources({ tasks: many })).filter((c) => c.action.kind === 'task'),
    ).toHaveLength(8);
  });
});

describe('what a confirmation says is lost', () => {
  it('shortens a long prompt for the title', () => {
    expect(shortPrompt('Find  flights\nfrom Paris', 48)).toBe('Find flights from Paris');
    expect(shortPrompt('x'.repeat(60), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('names the cost kept when stopping, reported, estimated or unknown', () => {
    const reported = stopRequest(
      task('a', {
        prompt: 'Find flights',
        usage: { cost: 0.04 } as TaskView['usage'],
        costSource: 'reported',
      }),
      'stop',
    );
    expect(reported.title).toBe('Stop “Find flights”?');
    expect(reported.body[0]).toBe(
      'WebRun stops the agent now; the cost so far ($0.04) is kept and the task cannot be resumed.',
    );
    expect(
      stopRequest(
        task('a', { usage: { cost: 0.04 } as TaskView['usage'], costSource: 'estimated' }),
        'cancel',
      ).body[0],
    ).toContain('($0.04, estimated)');
    expect(stopRequest(task('a', { usage: null }), 'stop').body[0]).toContain('(not known yet)');
    expect(stopRequest(task('a'), 'cancel').confirmLabel).toBe('Cancel task');
  });

  it('counts queued and running tasks in a bulk cancel, and deleted ones', () => {
    const request = cancelManyRequest([task('a'), task('b'), task('c', { status: 'running' })]);
    expect(request.title).toBe('Cancel 3 tasks?');
    expect(request.body).toEqual([
      '2 queued tasks are never sent.',
      '1 task running at WebRun is stopped now; what it cost so far is kept.',
      'Cancelled tasks cannot be resumed; they stay in the history.',
    ]);
    expect(cancelManyRequest([task('a')]).body[0]).toBe('1 queued task is never sent.');
    expect(deleteHistoryRequest(1).title).toBe('Delete 1 task from the history?');
  });
});

describe('command bar rules (issue 25)', () => {
  it('a view’s name goes there before any action that mentions it', () => {
    const list = commandsFor('queue', sources({ queuePaused: false }));
    expect(list[0]?.label).toBe('Go to Queue');
    expect(list.map((c) => c.label)).toContain('Pause the queue');
  });

  it('reaches every view, Schedules and Environments included', () => {
    expect(commandsFor('schedules', sources())[0]?.label).toBe('Go to Schedules');
    expect(commandsFor('environments', sources())[0]?.label).toBe('Go to Environments');
    expect(commandsFor('cron', sources())[0]?.label).toBe('Go to Schedules');
  });
});

describe('a stop confirmation whose task ended (issue 25)', () => {
  it('says how it ended and what it cost, and offers only Close', () => {
    const ended = endedMeanwhile(
      task('t1', {
        prompt: 'Read the hours',
        status: 'completed',
        usage: { cost: 0.0321 } as TaskView['usage'],
        costSource: 'reported',
      }),
    );
    expect(ended.title).toBe('“Read the hours” has ended');
    expect(ended.body.join(' ')).toMatch(/ended \(Completed\).*It cost \$0\.0321\./);
    expect(ended.keepLabel).toBe('Close');
  });

  it('a stop request names the task it follows', () => {
    expect(stopRequest(task('t2'), 'stop').about).toEqual({ taskId: 't2', verb: 'stop' });
  });
});
