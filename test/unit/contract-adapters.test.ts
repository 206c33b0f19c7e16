import { describe, expect, it, vi, type Mock } from 'vitest';
import { dispatch, DeskError } from '../../src-main/contract/dispatch';
import type { DeskHandlers, TaskView } from '../../src-main/contract/index';
import { callChannel, METHOD_NAMES, type MethodName } from '../../src-main/contract/names';
import { taskView } from '../helpers/task-view';
import {
  registerContract,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../src-main/electron/ipc';

const task: TaskView = taskView();

function spyHandlers() {
  // Every method answers something; the tests look at the few they exercise.
  const all = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, vi.fn(() => ({ ok: true }))]),
  ) as unknown as Record<MethodName, Mock>;
  const handlers = {
    ...all,
    'app.info': vi.fn(() => ({
      version: '1',
      backend: { kind: 'sandbox' as const, baseUrl: 'http://x', simulated: true },
      dbPath: '/x',
      host: 'electron' as const,
    })),
    'tasks.create': vi.fn(() => task),
    'tasks.list': vi.fn(() => ({ tasks: [], nextCursor: null })),
    'tasks.get': vi.fn((): TaskView => {
      throw new DeskError('not_found', 'No task with id nope.');
    }),
  };
  return handlers as typeof handlers & DeskHandlers;
}

describe('dispatch', () => {
  it('refuses an unknown method without calling anything', async () => {
    const handlers = spyHandlers();
    expect(await dispatch(handlers, 'tasks.drop', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown method: tasks.drop' },
    });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it.each([
    ['an empty prompt', { prompt: '   ' }, /prompt is empty/],
    ['a missing prompt', {}, /prompt/],
    ['a javascript: starting URL', { prompt: 'x', startingUrl: 'javascript:alert(1)' }, /http/],
    ['an unexpected field', { prompt: 'x', apiKey: 'wr_123' }, /apiKey|Unrecognized/i],
    ['a wrong type', { prompt: 42 }, /prompt/],
    ['a non-object', 'hello', /object/i],
  ])(
    'answers %s with a validation envelope and never reaches the core',
    async (_name, input, message) => {
      const handlers = spyHandlers();
      const envelope = await dispatch(handlers, 'tasks.create', input);
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('invalid_input');
        expect(envelope.error.message).toMatch(message);
      }
      expect(handlers['tasks.create']).not.toHaveBeenCalled();
    },
  );

  it('passes parsed input (trimmed, defaults applied) to the handler', async () => {
    const handlers = spyHandlers();
    await dispatch(handlers, 'tasks.create', { prompt: '  find flights  ', startingUrl: '' });
    expect(handlers['tasks.create']).toHaveBeenCalledWith({
      prompt: 'find flights',
      startingUrl: null,
      mode: 'oneshot',
      keepSessionOpen: false,
      priority: 0,
      tags: [],
    });
    await dispatch(handlers, 'tasks.list', {});
    expect(handlers['tasks.list']).toHaveBeenCalledWith({ limit: 100 });
  });

  it('turns a DeskError into its code and hides unexpected errors behind a generic message', async () => {
    const handlers = spyHandlers();
    expect(await dispatch(handlers, 'tasks.get', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No task with id nope.' },
    });
    handlers['tasks.list'].mockImplementation(() => {
      throw new Error('SQLITE_CORRUPT at /home/me/secret/path');
    });
    const onInternalError = vi.fn();
    const envelope = await dispatch(handlers, 'tasks.list', {}, { onInternalError });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'internal', message: 'tasks.list failed unexpectedly; see the app log.' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
  });
});

describe('Electron IPC adapter', () => {
  const APP_URL = 'file:///app/out/renderer/index.html';

  function setup() {
    const registered = new Map<
      string,
      (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>
    >();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => registered.set(channel, listener),
      removeHandler: (channel) => registered.delete(channel),
    };
    const handlers = spyHandlers();
    const unregister = registerContract(ipcMain, handlers, {
      webContentsId: () => 7,
      isAppUrl: (url) => url.startsWith('file:///app/out/renderer/'),
    });
    const mainFrame = { url: APP_URL };
    const goodEvent: InvokeEventLike = { sender: { id: 7, mainFrame }, senderFrame: mainFrame };
    return { registered, handlers, unregister, goodEvent, mainFrame };
  }

  it('registers exactly one handler per contract method and nothing else', () => {
    const { registered, unregister } = setup();
    expect([...registered.keys()].sort()).toEqual(METHOD_NAMES.map(callChannel).sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('answers a call from our main frame', async () => {
    const { registered, goodEvent, handlers } = setup();
    const envelope = await registered.get(callChannel('tasks.create'))!(goodEvent, {
      prompt: 'hello',
    });
    expect(envelope).toEqual({ ok: true, value: task });
    expect(handlers['tasks.create']).toHaveBeenCalledOnce();
  });

  it.each([
    [
      'a null sender frame (navigated away or destroyed)',
      (e: InvokeEventLike): InvokeEventLike => ({ ...e, senderFrame: null }),
      /frame is gone/,
    ],
    [
      'another window',
      (e: InvokeEventLike): InvokeEventLike => ({ ...e, sender: { ...e.sender, id: 8 } }),
      /not our window/,
    ],
    [
      'a subframe',
      (e: InvokeEventLike): InvokeEventLike => ({ ...e, senderFrame: { url: APP_URL } }),
      /not the main frame/,
    ],
    [
      'a frame showing a foreign page',
      (_e: InvokeEventLike): InvokeEventLike => {
        const frame = { url: 'https://evil.example/' };
        return { sender: { id: 7, mainFrame: frame }, senderFrame: frame };
      },
      /not showing our app/,
    ],
  ])('refuses %s before parsing anything', async (_name, forge, reason) => {
    const { registered, goodEvent, handlers } = setup();
    const envelope = (await registered.get(callChannel('tasks.create'))!(forge(goodEvent), {
      prompt: 'hello',
    })) as { ok: boolean; error: { code: string; message: string } };
    expect(envelope.ok).toBe(false);
    expect(envelope.error.code).toBe('forbidden');
    expect(envelope.error.message).toMatch(reason);
    expect(handlers['tasks.create']).not.toHaveBeenCalled();
  });

  it('gives invalid input a validation envelope, not a crash', async () => {
    const { registered, goodEvent, handlers } = setup();
    const envelope = await registered.get(callChannel('tasks.create'))!(goodEvent, { prompt: '' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(handlers['tasks.create']).not.toHaveBeenCalled();
  });
});
