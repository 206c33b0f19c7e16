// Which controls make sense for a task in a given state (the core refuses the others).
import type { TaskStatus } from '../../../src-main/contract/index';

// A task being submitted counts: the core cancels it as soon as WebRun has answered.
export const CANCELLABLE = new Set<TaskStatus>(['queued', 'submitting', 'running', 'needs_input', 'paused']);
export const FINISHED = new Set<TaskStatus>(['completed', 'failed', 'stopped', 'cancelled']);
export const LIVE = new Set<TaskStatus>(['submitting', 'running', 'needs_input', 'paused']);
