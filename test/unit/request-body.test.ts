// Request bodies in the three documentation generations (webrun-api.md §0, §1.1–1.3, §4).
import { describe, expect, it } from 'vitest';
import {
  guardrailMessage,
  newTaskMessage,
  runTaskBody,
  startSessionBody,
  type SessionOptions,
  type TaskInput,
} from '../../src-main/core/webrun/request-body';

const fullTask: TaskInput = {
  prompt: 'Go to amazon.com and search for laptops',
  startingUrl: 'https://amazon.com',
  maxDuration: 300000,
  maxInputTokens: 100000,
  maxOutputTokens: 100000,
  terminateOnCompletion: false,
  outputType: 'structured_json',
  outputSchema: { type: 'object', properties: { results: { type: 'array' } } },
  secrets: [{ match: '*.amazon.com', fields: { email: 'user@example.com', password: 'pass123' } }],
};

const session: SessionOptions = {
  environmentId: '683a1f2e4b0c1d2e3f4a5b6c',
  policyId: 'pol_xyz789',
  proxy: { source: 'WebRun', country: 'US' },
  reachOutMode: 'guardrail_only',
  mode: 'default',
};

const { prompt: _prompt, startingUrl: _url, outputType: _type, ...sharedFields } = fullTask;

describe('startSessionBody', () => {
  it('gen2 reproduces the documented example (§1.1)', () => {
    expect(startSessionBody('gen2', session, fullTask)).toEqual({
      environmentId: '683a1f2e4b0c1d2e3f4a5b6c',
      policyId: 'pol_xyz789',
      proxy: { source: 'WebRun', country: 'US' },
      reachOutMode: 'guardrail_only',
      mode: 'default',
      task: fullTask,
    });
  });

  it('gen1 nests the task under initialTask with taskDetails/startingPoint and sends both environment names', () => {
    expect(startSessionBody('gen1', session, fullTask)).toEqual({
      ...session,
      profileId: '683a1f2e4b0c1d2e3f4a5b6c',
      initialTask: {
        ...sharedFields,
        taskDetails: fullTask.prompt,
        startingPoint: 'https://amazon.com',
        outputType: 'structured',
      },
    });
  });

  it('gen0 is flat with taskDetails/startingUrl', () => {
    expect(
      startSessionBody(
        'gen0',
        { environmentId: 'env1' },
        { prompt: 'Find flights', startingUrl: 'https://kayak.com', maxDuration: 60000 },
      ),
    ).toEqual({
      environmentId: 'env1',
      taskDetails: 'Find flights',
      startingUrl: 'https://kayak.com',
      maxDuration: 60000,
    });
  });

  it.each(['gen2', 'gen1', 'gen0'] as const)(
    '%s without a task carries only session fields',
    (gen) => {
      const body = startSessionBody(gen, { reachOutMode: 'off' }, null);
      expect(body).toEqual({ reachOutMode: 'off' });
    },
  );

  it('omits null and undefined session fields', () => {
    expect(
      startSessionBody('gen2', { environmentId: null, policyId: undefined, proxy: null }),
    ).toEqual({});
    expect(startSessionBody('gen1', { environmentId: null })).toEqual({});
  });
});

describe('runTaskBody', () => {
  it('gen2 nests under task with session fields at the top (§1.2)', () => {
    const body = runTaskBody(
      'gen2',
      { prompt: 'Search Anthropic', startingUrl: 'https://google.com', files: ['f1'] },
      { environmentId: 'env1' },
    );
    expect(body).toEqual({
      task: { prompt: 'Search Anthropic', startingUrl: 'https://google.com', files: ['f1'] },
      environmentId: 'env1',
    });
  });

  it.each(['gen1', 'gen0'] as const)(
    '%s is flat with taskDetails and startingUrl (§1.2 Gen1/Gen0 flat)',
    (gen) => {
      const body = runTaskBody(
        gen,
        {
          prompt: 'Search Anthropic',
          startingUrl: 'https://google.com',
          files: ['f1'],
          maxDuration: 120000,
        },
        { environmentId: 'env1', mode: 'default' },
      );
      expect(body).toEqual({
        environmentId: 'env1',
        mode: 'default',
        taskDetails: 'Search Anthropic',
        startingUrl: 'https://google.com',
        files: ['f1'],
        maxDuration: 120000,
      });
      expect(body).not.toHaveProperty('startingPoint');
      expect(body).not.toHaveProperty('profileId');
    },
  );

  it('omits null/undefined optional task fields but keeps falsy values that mean something', () => {
    const body = runTaskBody('gen2', {
      prompt: '',
      startingUrl: null,
      maxInputTokens: 0,
      terminateOnCompletion: false,
      files: [],
    });
    expect(body).toEqual({
      task: { prompt: '', maxInputTokens: 0, terminateOnCompletion: false, files: [] },
    });
  });

  it('maps structured_json to structured for older generations only; csv and text pass through', () => {
    expect(runTaskBody('gen0', { prompt: 'p', outputType: 'structured_json' }).outputType).toBe(
      'structured',
    );
    expect(
      runTaskBody('gen1', {
        prompt: 'p',
        outputType: 'structured_csv',
        outputSchema: ['name', 'price'],
      }),
    ).toMatchObject({
      outputType: 'structured_csv',
      outputSchema: ['name', 'price'],
    });
    expect(runTaskBody('gen2', { prompt: 'p', outputType: 'structured_json' })).toEqual({
      task: { prompt: 'p', outputType: 'structured_json' },
    });
    expect(runTaskBody('gen1', { prompt: 'p', outputType: 'text' }).outputType).toBe('text');
  });

  it('copies the webhook without an absent auth', () => {
    const body = runTaskBody('gen2', {
      prompt: 'p',
      webhook: { name: 'hook', url: 'https://example.com/h', submittedData: 'just_ping' },
    });
    expect(body).toEqual({
      task: {
        prompt: 'p',
        webhook: { name: 'hook', url: 'https://example.com/h', submittedData: 'just_ping' },
      },
    });
  });
});

describe('newTaskMessage', () => {
  it('gen2 uses prompt/startingUrl', () => {
    expect(
      newTaskMessage('gen2', {
        prompt: 'Next',
        startingUrl: 'https://a.example',
        maxDuration: 1000,
      }),
    ).toEqual({
      actionType: 'newTask',
      newState: 'start',
      prompt: 'Next',
      startingUrl: 'https://a.example',
      maxDuration: 1000,
    });
  });

  it('gen1 uses taskDetails/startingPoint', () => {
    expect(newTaskMessage('gen1', { prompt: 'Next', startingUrl: 'https://a.example' })).toEqual({
      actionType: 'newTask',
      newState: 'start',
      taskDetails: 'Next',
      startingPoint: 'https://a.example',
    });
  });

  it('gen0 uses taskDetails/startingUrl', () => {
    expect(
      newTaskMessage('gen0', {
        prompt: 'Next',
        startingUrl: 'https://a.example',
        outputType: 'structured_json',
      }),
    ).toEqual({
      actionType: 'newTask',
      newState: 'start',
      taskDetails: 'Next',
      startingUrl: 'https://a.example',
      outputType: 'structured',
    });
  });
});

describe('guardrailMessage', () => {
  it('answers with prompt in gen2 and taskDetails before (§4, §7.11)', () => {
    expect(guardrailMessage('gen2', 'Username: a, Password: b', 'resume')).toEqual({
      actionType: 'guardrail',
      prompt: 'Username: a, Password: b',
      newState: 'resume',
    });
    expect(guardrailMessage('gen1', 'no', 'stop')).toEqual({
      actionType: 'guardrail',
      taskDetails: 'no',
      newState: 'stop',
    });
    expect(guardrailMessage('gen0', 'ok', 'resume')).toEqual({
      actionType: 'guardrail',
      taskDetails: 'ok',
      newState: 'resume',
    });
  });
});
