// Every shape that crosses the boundary between the core and the UI, from the domain files
// that define them (without the method table, which is in index.ts). zod gives both the
// runtime check (every input is parsed before the core sees it) and the static types.
export * from './batches';
export * from './common';
export * from './environments';
export * from './history';
export * from './mcp';
export * from './money';
export * from './secrets';
export * from './sessions';
export * from './settings';
export * from './status';
export * from './task-view';
export * from './tasks';
export * from './triggers';
