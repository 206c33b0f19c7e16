// The contract: every method the UI may call and every event the core pushes. Both the
// Electron IPC adapter and the browser-mode HTTP adapter are generated from this table.
import { z } from 'zod';
import type { EventName, MethodName, ErrorCode } from './names';
import {
  AnswerInput,
  BackendSettings,
  Template,
  type AppCommand,
  AppInfo,
  BudgetSettings,
  BudgetStatus,
  CreateTaskInput,
  ExportInput,
  ExportOutput,
  HistoryListInput,
  InboxItem,
  ListTasksInput,
  MoveTaskInput,
  QueueStatus,
  RunnerSettings,
  SecretStatus,
  SessionView,
  SiteMatch,
  SpendInput,
  SpendSummary,
  TaskActivity,
  TaskDetails,
  TaskIdInput,
  TaskPage,
  TaskView,
  IntegrityStatus,
} from './schemas';

export * from './names';
export * from './schemas';

const None = z.strictObject({});
const Ok = z.object({ ok: z.literal(true) });
const Settings = z.object({ runner: RunnerSettings, budget: BudgetSettings, backend: BackendSettings, restartRequired: z.boolean() });

export const methods = {
  'app.info': { input: None, output: AppInfo },
  'app.integrity': { input: None, output: IntegrityStatus },
  'tasks.create': { input: CreateTaskInput, output: TaskView },
  'tasks.list': { input: ListTasksInput, output: TaskPage },
  'tasks.get': { input: TaskIdInput, output: TaskView },
  'tasks.details': { input: TaskIdInput, output: TaskDetails },
  // The agent's thoughts and actions so far (the live stream, replayed from the event log).
  'tasks.activity': { input: z.strictObject({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(5_000).default(500) }), output: z.array(TaskActivity) },
  'tasks.cancel': { input: TaskIdInput, output: TaskView },
  'tasks.cancelMany': { input: z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) }), output: z.object({ cancelled: z.number().int(), failed: z.array(z.object({ id: z.string(), message: z.string() })) }) },
  'tasks.stop': { input: TaskIdInput, output: TaskView },
  'tasks.pause': { input: TaskIdInput, output: TaskView },
  'tasks.resume': { input: TaskIdInput, output: TaskView },
  'tasks.retry': { input: TaskIdInput, output: TaskView },
  'tasks.answer': { input: AnswerInput, output: TaskView },
  'tasks.check': { input: TaskIdInput, output: TaskView },
  'tasks.resubmit': { input: TaskIdInput, output: TaskView },
  'tasks.takeOver': { input: TaskIdInput, output: z.object({ webViewUrl: z.string().nullable() }) },
  'tasks.release': { input: TaskIdInput, output: Ok },
  'tasks.move': { input: MoveTaskInput, output: TaskView },
  'queue.status': { input: None, output: QueueStatus },
  'queue.pause': { input: None, output: QueueStatus },
  'queue.resume': { input: None, output: QueueStatus },
  'inbox.list': { input: None, output: z.array(InboxItem) },
  'history.list': { input: HistoryListInput, output: TaskPage },
  'history.export': { input: ExportInput, output: ExportOutput },
  'history.delete': { input: z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) }), output: z.object({ deleted: z.number().int(), skipped: z.array(z.string()) }) },
  'templates.list': { input: None, output: z.array(Template) },
  'templates.save': { input: Template.strict(), output: z.array(Template) },
  'templates.delete': { input: z.strictObject({ name: z.string().min(1).max(100) }), output: z.array(Template) },
  // Files to attach to a task, sent to WebRun's /files/upload; the answer is their file ids.
  'files.upload': {
    input: z.strictObject({
      files: z.array(z.strictObject({ name: z.string().trim().min(1).max(255), type: z.string().max(100).optional(), base64: z.string().max(2_000_000, 'A file over about 1.4 MB cannot be attached here.') })).min(1).max(10),
    }),
    output: z.array(z.object({ fileId: z.string(), originalName: z.string(), size: z.number() })),
  },
  'spend.summary': { input: SpendInput, output: SpendSummary },
  'sessions.list': { input: None, output: z.array(SessionView) },
  'sessions.terminate': { input: z.strictObject({ id: z.string().min(1).max(100) }), output: Ok },
  'sessions.terminateStray': { input: None, output: z.object({ terminated: z.number().int(), failed: z.array(z.object({ id: z.string(), message: z.string() })) }) },
  'settings.get': { input: None, output: Settings },
  'settings.update': {
    input: z.strictObject({ runner: RunnerSettings.partial().optional(), budget: BudgetSettings.partial().optional(), backend: BackendSettings.partial().optional() }),
    output: Settings,
  },
  'secrets.status': { input: None, output: SecretStatus },
  // Write-only: the key goes in, only "set or not" ever comes back out.
  'secrets.setApiKey': {
    input: z.strictObject({ apiKey: z.string().trim().min(8, 'That does not look like a WebRun API key.').max(500).regex(/^\S+$/, 'An API key has no spaces.') }),
    output: SecretStatus.extend({ restartRequired: z.boolean() }),
  },
  'secrets.clearApiKey': { input: None, output: SecretStatus.extend({ restartRequired: z.boolean() }) },
  'credentials.save': {
    input: z.strictObject({ match: SiteMatch, fields: z.record(z.string().min(1).max(100), z.string().max(10_000)).refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 20, 'Give between 1 and 20 fields.') }),
    output: SecretStatus,
  },
  'credentials.delete': { input: z.strictObject({ match: SiteMatch }), output: SecretStatus },
} satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export type Methods = typeof methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export interface EventMap {
  'task.updated': TaskView;
  'task.activity': TaskActivity;
  'queue.status': QueueStatus;
  'budget.status': BudgetStatus;
  'app.command': { command: AppCommand };
}
export type DeskEvent = { [E in EventName]: { name: E; payload: EventMap[E] } }[EventName];

/** What the core implements; the adapters call it only with parsed input. */
export type DeskHandlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M> };

export interface EnvelopeError {
  code: ErrorCode;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };
