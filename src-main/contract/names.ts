// Method and event names, with no dependencies at all: the sandboxed preload imports this
// file (it can require nothing but `electron`), and so does the browser-mode server.

export const METHOD_NAMES = [
  'app.info',
  'app.integrity',
  'tasks.create',
  'tasks.list',
  'tasks.get',
  'tasks.details',
  'tasks.activity',
  'tasks.cancel',
  'tasks.cancelMany',
  'tasks.restore',
  'tasks.stop',
  'tasks.pause',
  'tasks.resume',
  'tasks.retry',
  'tasks.answer',
  'tasks.check',
  'tasks.resubmit',
  'tasks.takeOver',
  'tasks.release',
  'tasks.liveView',
  'tasks.move',
  'queue.status',
  'queue.pause',
  'queue.resume',
  'inbox.list',
  'history.list',
  'history.export',
  'history.delete',
  'templates.list',
  'templates.save',
  'templates.delete',
  'files.upload',
  'files.open',
  'spend.summary',
  'sessions.list',
  'sessions.terminate',
  'sessions.terminateStray',
  'settings.get',
  'settings.update',
  'secrets.status',
  'secrets.setApiKey',
  'secrets.clearApiKey',
  'credentials.save',
  'credentials.delete',
  'batches.prepare',
  'batches.create',
  'batches.list',
  'batches.get',
  'batches.results',
  'batches.pause',
  'batches.resume',
  'batches.cancel',
  'batches.setBudget',
  'batches.setConcurrency',
  'batches.export',
  'batches.retryFailed',
  'mcp.settings.get',
  'mcp.settings.update',
  'mcp.approvals.list',
  'mcp.approvals.decide',
  'environments.list',
  'environments.create',
  'environments.delete',
  'environments.files',
  'environments.deleteFile',
  'environments.uploadStart',
  'environments.uploadChunk',
  'environments.uploadFinish',
  'environments.uploadCancel',
  'triggers.list',
  'triggers.get',
  'triggers.create',
  'triggers.update',
  'triggers.delete',
  'triggers.pause',
  'triggers.resume',
  'triggers.run',
  'triggers.runs',
  'triggers.preview',
  'triggers.importRuns',
  'triggers.setBudgetCap',
  'money.status',
  'money.baseline',
  'watches.list',
  'watches.get',
  'watches.create',
  'watches.update',
  'watches.pause',
  'watches.resume',
  'watches.delete',
  'runs.compare',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = [
  'task.updated',
  'task.activity',
  'queue.status',
  'budget.status',
  'app.command',
  'batch.updated',
  'mcp.approvals',
  'money.status',
  'money.alert',
  'watch.alert',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channels: the direction and the owner are in the name. */
export const CALL_CHANNEL_PREFIX = 'renderer->main:call:';
export const EVENTS_CHANNEL = 'main->renderer:events';

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

export function callChannel(method: MethodName): string {
  return CALL_CHANNEL_PREFIX + method;
}

/** Error codes that cross the boundary inside a failed envelope. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'forbidden',
  'not_found',
  'conflict',
  'internal',
  'unavailable',
  'remote',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
