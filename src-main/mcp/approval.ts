// "Require approval": an assistant's task waits as a request (never a task: the runner cannot
// see it) until the person approves or rejects it in the app's inbox, which may be another
// process on the same history; its decision arrives through the desk's change watch.
import { randomUUID } from 'node:crypto';
import { timers } from '../contract/timers';
import type { Desk } from '../core/desk';
import type { TaskRequest } from './tool-schemas';

export type ApprovalOutcome = 'approved' | 'rejected' | 'timed_out';

export interface PendingApproval {
  id: string;
  outcome: Promise<ApprovalOutcome>;
}

/** Records the request and resolves when the person decides, or after `timeoutMs` (withdrawn). */
export function requestApproval(
  desk: Desk,
  client: string,
  request: TaskRequest,
  costCap: number | null,
  timeoutMs: number,
): PendingApproval {
  const id = randomUUID();
  desk.mcpRequests.add({
    id,
    hostId: desk.leases.id ?? 'unknown',
    client,
    prompt: request.prompt,
    input: request,
    costCap,
    status: 'awaiting_approval',
    createdAt: Date.now(),
  });
  const outcome = new Promise<ApprovalOutcome>((resolve) => {
    const check = (): boolean => {
      const status = desk.mcpRequests.get(id)?.status;
      if (status === 'approved' || status === 'rejected') {
        done(status);
        return true;
      }
      return false;
    };
    const done = (result: ApprovalOutcome): void => {
      timers.clearTimeout(timer);
      off();
      resolve(result);
    };
    const off = desk.onExternalChange(() => void check());
    const timer = timers.setTimeout(() => {
      // Withdrawn only if still undecided: an approval stored a moment ago still wins.
      if (desk.mcpRequests.transition(id, 'awaiting_approval', 'withdrawn', Date.now()))
        done('timed_out');
      else check();
    }, timeoutMs);
    check();
  });
  return { id, outcome };
}
