// The contract: every method the UI may call and every event the core pushes. Both the
// Electron IPC adapter and the browser-mode HTTP adapter are generated from this table. Each
// domain file holds its shapes and its slice of the table; this file only joins them.
import type { z } from 'zod';
import { batchMethods, type BatchView } from './batches';
import type { MethodSpec } from './common';
import { environmentMethods } from './environments';
import { historyMethods } from './history';
import { mcpMethods, type McpApproval } from './mcp';
import { moneyMethods, type MoneyAlert, type MoneyStatus } from './money';
import type { EventName, MethodName, ErrorCode } from './names';
import { secretMethods } from './secrets';
import { sessionMethods } from './sessions';
import { settingsMethods } from './settings';
import { statusMethods, type AppCommand, type BudgetStatus, type QueueStatus } from './status';
import type { TaskActivity, TaskView } from './task-view';
import { taskMethods } from './tasks';
import { triggerMethods } from './triggers';
import { watchMethods, type WatchAlert } from './watches';

export * from './names';
export * from './schemas';

/** Names found in more than one slice (a spread would silently keep the last). */
type KeysOf<T> = T extends unknown ? keyof T : never;
export type SharedKeys<Slices extends readonly object[]> = Slices extends readonly [
  infer First,
  ...infer Rest extends readonly object[],
]
  ? (keyof First & KeysOf<Rest[number]>) | SharedKeys<Rest>
  : never;

type Slices = [
  typeof statusMethods,
  typeof taskMethods,
  typeof historyMethods,
  typeof sessionMethods,
  typeof settingsMethods,
  typeof secretMethods,
  typeof batchMethods,
  typeof mcpMethods,
  typeof environmentMethods,
  typeof triggerMethods,
  typeof moneyMethods,
  typeof watchMethods,
];
// Every method exactly once: no name in two slices here, none missing below.
const _eachMethodOnce: [SharedKeys<Slices>] extends [never] ? true : SharedKeys<Slices> = true;

export const methods = {
  ...statusMethods,
  ...taskMethods,
  ...historyMethods,
  ...sessionMethods,
  ...settingsMethods,
  ...secretMethods,
  ...batchMethods,
  ...mcpMethods,
  ...environmentMethods,
  ...triggerMethods,
  ...moneyMethods,
  ...watchMethods,
} satisfies Record<MethodName, MethodSpec>;

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
  'batch.updated': BatchView;
  /** Assistants' tasks waiting for approval, whenever that list changes. */
  'mcp.approvals': McpApproval[];
  /** Balance, runway, a held queue, anomalies: whenever one of them changes. */
  'money.status': MoneyStatus;
  'money.alert': MoneyAlert;
  /** A watch's alert as it is raised (material change, failed check, failed run, unchanged). */
  'watch.alert': Omit<WatchAlert, 'id'>;
  /** A watch's runs, verdicts or state changed (a run sent, judged, a watch paused). */
  'watch.changed': { watchId: string };
  /** Runs of these saved templates were just judged by their checks (their rates moved). */
  'templates.judged': { names: string[] };
}
export type DeskEvent = { [E in EventName]: { name: E; payload: EventMap[E] } }[EventName];

/** What the core implements; the adapters call it only with parsed input. */
export type DeskHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface EnvelopeError {
  code: ErrorCode;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };
