// The contract's methods, implemented on the core: one file per domain (the same names as in
// src-main/contract/), joined here. Inputs arrive parsed by the contract.
import type { DeskHandlers, SharedKeys } from '../../contract/index';
import type { HandlerContext } from './context';
import { environmentHandlers } from '../environments/environment-handlers';
import { withStorageErrors } from './guards';
import type { BatchHandlers } from '../batches/batch-handlers';
import { historyHandlers } from '../history/history-handlers';
import { mcpHandlers } from '../mcp-approvals/mcp-handlers';
import { moneyHandlers } from '../money/money-handlers';
import { secretHandlers } from '../secrets/secret-handlers';
import { sessionHandlers } from '../sessions/session-handlers';
import { settingsHandlers } from '../settings/settings-handlers';
import { statusHandlers } from './status';
import { taskHandlers } from '../tasks/task-handlers';
import { triggerHandlers } from '../triggers/trigger-handlers';
import { watchHandlers } from '../watches/watch-handlers';
import type { Watches } from '../watches/wire-watches';

export type { HandlerContext } from './context';
export { publicView } from '../tasks/public-view';

type Slices = [
  ReturnType<typeof statusHandlers>,
  ReturnType<typeof taskHandlers>,
  ReturnType<typeof historyHandlers>,
  ReturnType<typeof sessionHandlers>,
  ReturnType<typeof settingsHandlers>,
  ReturnType<typeof secretHandlers>,
  BatchHandlers,
  ReturnType<typeof mcpHandlers>,
  ReturnType<typeof environmentHandlers>,
  ReturnType<typeof triggerHandlers>,
  ReturnType<typeof moneyHandlers>,
  ReturnType<typeof watchHandlers>,
];
// Every method exactly once: no name in two slices here, none missing below.
const _eachMethodOnce: [SharedKeys<Slices>] extends [never] ? true : SharedKeys<Slices> = true;

/**
 * Batches come made (their driver needs the finished handlers to create its rows' tasks), and
 * watches are reached lazily for the same reason (their scheduler creates tasks through them).
 */
export function createHandlers(
  ctx: HandlerContext,
  batches: BatchHandlers,
  watches: () => Watches,
): DeskHandlers {
  const handlers: DeskHandlers = {
    ...statusHandlers(ctx),
    ...taskHandlers(ctx),
    ...historyHandlers(ctx),
    ...sessionHandlers(ctx),
    ...settingsHandlers(ctx),
    ...secretHandlers(ctx),
    ...batches,
    ...mcpHandlers(ctx),
    ...environmentHandlers(ctx.environments),
    ...triggerHandlers(ctx.triggers),
    ...moneyHandlers(ctx),
    ...watchHandlers(watches, ctx.now),
  };
  return withStorageErrors(handlers);
}
