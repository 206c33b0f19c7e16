// Local WebRun-compatible sandbox server (REST + Socket.IO). See DIRECTIVES.md for the prompt
// directives that force scenarios.
export { startSandbox } from './server.ts';
export type { SandboxOptions, SandboxHandle } from './options.ts';
export { FaultController, type Fault } from './faults.ts';
export { parseDirectives, stripDirectives, type Directives } from './directives.ts';
export { planTask, usageAt, type TaskPlan, type TaskSpec } from './simulation.ts';
