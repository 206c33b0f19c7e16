// The one sandbox of a history, shared by every process on it (see find-or-start.ts).
export { findOrStartSandbox, type FoundSandbox, type SharedSandboxRequest } from './find-or-start';
export { keepSandboxAlive, type KeepAlive } from './keep-alive';
export { sandboxApiKey, sandboxFilePath, readSandboxFile, type SandboxFile } from './sandbox-file';

/** How long a shared sandbox waits without a request, and with no task left, before it stops. */
export const DEFAULT_QUIET_MS = 10 * 60_000;
