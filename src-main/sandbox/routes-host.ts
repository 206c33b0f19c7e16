// The sandbox's own health route, outside WebRun's API: the processes of one history call it,
// with the key derived from the token in the sandbox's file, to tell a live shared sandbox from
// a stale file (a dead pid, or a pid the system has since given to another program), and to
// keep it from stopping while they run (core/shared-sandbox/keep-alive.ts).
import type { SandboxContext } from './context.ts';
import { json } from './http.ts';
import type { RouteDef } from './router.ts';

/** Tasks still running, paused or waiting at a guardrail: the shared sandbox never stops under them. */
export function unfinishedTasks(ctx: SandboxContext): number {
  return ctx.sessions.allActive().filter((session) => session.busy).length;
}

export function hostRoutes(ctx: SandboxContext): RouteDef[] {
  return [
    {
      method: 'GET',
      path: '/__sandbox/health',
      auth: 'required',
      handle: () =>
        json(200, { success: true, pid: process.pid, unfinishedTasks: unfinishedTasks(ctx) }),
    },
  ];
}
