// The contract: every method the UI may call and every event the core pushes. Both the
// Electron IPC adapter and the browser-mode HTTP adapter are generated from this table.
import { z } from 'zod';
import type { EventName, MethodName, ErrorCode } from './names';
import { AppInfo, CreateTaskInput, ListTasksInput, TaskIdInput, TaskPage, TaskView } from './schemas';

export * from './names';
export * from './schemas';

export const methods = {
  'app.info': { input: z.strictObject({}), output: AppInfo },
  'tasks.create': { input: CreateTaskInput, output: TaskView },
  'tasks.list': { input: ListTasksInput, output: TaskPage },
  'tasks.get': { input: TaskIdInput, output: TaskView },
} satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export type Methods = typeof methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export interface EventMap {
  'task.updated': TaskView;
}
export type DeskEvent = { [E in EventName]: { name: E; payload: EventMap[E] } }[EventName];

/** What the core implements; the adapters call it only with parsed input. */
export type DeskHandlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M> };

export interface EnvelopeError {
  code: ErrorCode;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };
