// What a socket event means to a person watching the task: one line of text, or nothing.
import type { TaskActivity } from '../../contract/schemas';
import type { SocketEvent } from './socket-events';

export function activityOf(
  event: SocketEvent,
): { kind: TaskActivity['kind']; text: string } | null {
  switch (event.kind) {
    case 'agent':
      return { kind: 'agent', text: event.content };
    case 'action':
      return { kind: 'action', text: event.target ? `${event.name}: ${event.target}` : event.name };
    case 'response_update':
      return { kind: 'status', text: event.message };
    case 'task_started':
      return { kind: 'status', text: 'Task started' };
    case 'error':
      return {
        kind: 'error',
        text: event.code ? `${event.code}: ${event.message}` : event.message,
      };
    case 'end_session':
      return { kind: 'session', text: `Session ended (${event.reason})` };
    case 'instance_disconnected':
      return { kind: 'session', text: event.message ?? 'Browser instance connection lost' };
    case 'instance_reconnected':
      return { kind: 'session', text: event.message ?? 'Browser instance connection restored' };
    default:
      return null;
  }
}

/** Events after which the task's state may have changed: poll at once to learn it. */
export function changesState(event: SocketEvent): boolean {
  return [
    'task_completed',
    'guardrail_trigger',
    'error',
    'end_session',
    'instance_reconnected',
  ].includes(event.kind);
}
