// Which controls make sense for a task in a given state (the core refuses the others).
import type { TaskStatus } from '../../../src-main/contract/index';

export const CANCELLABLE = new Set<TaskStatus>(['queued', 'running', 'needs_input', 'paused']);
export const FINISHED = new Set<TaskStatus>(['completed', 'failed', 'stopped', 'cancelled']);
export const LIVE = new Set<TaskStatus>(['submitting', 'running', 'needs_input', 'paused']);
