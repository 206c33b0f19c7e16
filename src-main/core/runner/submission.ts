// Sends one claimed task to WebRun (run-task, or start-session then newTask) and hands the
// answer to the follower. The only place a submission is made, so "never pays twice" is
// checked here: once WebRun has answered, no error of ours leads to a second submission
// (error-policy's 'answered' phase), and an ambiguous failure leaves the task `unknown`.
import type { StoredTask } from '../tasks/task-store';
import type { RequestOptions } from '../webrun/client';
import type { TaskOutcome } from '../webrun/types';
import { WebRunError } from '../webrun/errors';
import { ClaimBatch } from './claim-batch';
import { submissionError } from './error-policy';
import type { RunnerContext } from './runner-context';
import type { TaskFollower } from './task-follower';
import { taskInputOf } from './task-input';

export class Submission {
  /** Consecutive submissions refused as "not now" (429, 503): grows the shared backoff. */
  private failures = 0;
  private blockedUntil = 0;
  blockedReason: string | null = null;
  /** Every send refused or unanswered since then (QueueStatus.refused says why it is kept). */
  refused: { since: number; reason: string } | null = null;

  /** Claims asked for in one turn are fsync'd together, before any of their requests leaves. */
  private readonly claims: ClaimBatch;
  /** Set once the host is closing: the only queued tasks it may still claim (drain.ts). */
  private claimOnly: ReadonlySet<string> | null = null;
  /** Sends waiting for a slot of the rate limit, still queued: a closing host ends their wait. */
  private readonly slotWaits = new Map<string, AbortController>();

  constructor(
    private readonly c: RunnerContext,
    private readonly follower: TaskFollower,
  ) {
    this.claims = new ClaimBatch({
      claimAll: (ids) => c.store.claimAll(ids, c.o.now(), c.o.hostId),
      later: c.o.afterBurst,
      closed: (id) => !this.mayClaim(id),
    });
  }

  mayClaim(id: string): boolean {
    return !this.c.isClosed() && (this.claimOnly?.has(id) ?? true);
  }

  /** Claims no queued task but `keep` from now on; the others' waits for a slot end now. */
  stopClaiming(keep: ReadonlySet<string>): void {
    this.claimOnly = keep;
    for (const [id, wait] of this.slotWaits) if (!keep.has(id)) wait.abort();
  }

  /** Milliseconds every dispatch must still wait (Retry-After or backoff of the last refusal). */
  waitMs(): number {
    return this.blockedUntil - this.c.o.now();
  }

  blockedUntilAt(): number | null {
    return this.blockedUntil > this.c.o.now() ? this.blockedUntil : null;
  }

  async send(queued: StoredTask): Promise<void> {
    const c = this.c;
    // The limit's slot first: a task waiting for one is still queued, so a crash meanwhile
    // leaves it to be sent later, where one marked submitting would become unknown.
    // Passed on only when taken, so a client without takeSlot sees the calls it always did.
    const slot: [] | [RequestOptions] = c.client.takeSlot ? [{ slotTaken: true }] : [];
    if (c.client.takeSlot) await this.waitForSlot(queued.id);
    if (c.isClosed()) return;
    if (!this.mayClaim(queued.id)) return c.release(queued.id, queued.sessionId); // stays queued
    let task: StoredTask | null;
    try {
      task = await this.claims.claim(queued.id);
    } catch (error) {
      // Nothing was sent and the task is still queued: give its slot back.
      c.release(queued.id, queued.sessionId);
      throw error;
    }
    if (!task) {
      // Another process took it first (or this runner closed before the claim).
      c.release(queued.id, queued.sessionId);
      c.dispatch();
      return;
    }
    c.o.onTaskChanged(task);
    // Credentials are fetched from the keychain at the last moment and held only for the call.
    const { secrets, unreadable } = c.o.secretsFor(task);
    if (unreadable.length > 0) {
      c.settle(task.id, () =>
        c.finish(task.id, {
          status: 'failed',
          error: {
            code: 'CREDENTIALS_UNAVAILABLE',
            message: `Saved credentials for ${unreadable.join(', ')} are missing or can no longer be read; save them again and retry.`,
          },
        }),
      );
      return;
    }
    const input = taskInputOf(task, secrets);
    let outcome: TaskOutcome;
    try {
      if (task.mode === 'oneshot') {
        outcome = await c.client.runTask(input, { environmentId: task.environmentId }, ...slot);
      } else if (task.sessionId) {
        outcome = await c.client.newTask(task.sessionId, input, ...slot);
      } else {
        // The slot went to start-session; newTask waits for one of its own.
        const sessionId = await this.openSession(task, slot);
        outcome = await c.client.newTask(sessionId, input);
      }
    } catch (error) {
      this.onError(task.id, error, null);
      return;
    }
    this.failures = 0;
    this.answered();
    try {
      // Written with the other answers of this turn, in one fsync'd commit (answer-group.ts).
      await this.follower.applyWithOthers(task.id, outcome);
    } catch (error) {
      // WebRun answered: whatever went wrong is ours, and resending could pay twice.
      this.onError(task.id, error, 'answered');
    }
  }

  /** Takes a slot of the limit, unless the host starts closing first (the task stays queued). */
  private async waitForSlot(id: string): Promise<void> {
    const wait = new AbortController();
    this.slotWaits.set(id, wait);
    try {
      await this.c.client.takeSlot?.(wait.signal);
    } catch (error) {
      if (!wait.signal.aborted) throw error;
    } finally {
      this.slotWaits.delete(id);
    }
  }

  /** WebRun gave an answer (or a task ended its wait): the sends are no longer being refused. */
  private answered(): void {
    if (!this.refused) return;
    this.refused = null;
    this.c.queueChanged();
  }

  private async openSession(task: StoredTask, slot: [] | [RequestOptions]): Promise<string> {
    const c = this.c;
    const session = { environmentId: task.environmentId };
    const started = await (slot.length > 0
      ? c.client.startSession(session, null, ...slot)
      : c.client.startSession(session));
    try {
      // Stored before anything else: a crash from here on still knows the session exists.
      c.sessions.open({
        id: started.sessionId,
        createdAt: c.o.now(),
        socketUrl: started.socketUrl,
        webViewUrl: started.webViewUrl,
        keepOpen: task.keepSessionOpen,
      });
      c.change(
        task.id,
        { sessionId: started.sessionId },
        { kind: 'remote', payload: { state: 'session_started', sessionId: started.sessionId } },
      );
    } catch (error) {
      // The session exists at WebRun and bills: never start another one for this task.
      throw new AnsweredError(error);
    }
    c.busySessions.set(started.sessionId, task.id);
    c.attach(started.sessionId, started.socketUrl);
    return started.sessionId;
  }

  private onError(id: string, thrown: unknown, phase: 'answered' | null): void {
    const c = this.c;
    if (c.isClosed()) return;
    const answered = phase ?? (thrown instanceof AnsweredError ? 'answered' : null);
    const error = thrown instanceof AnsweredError ? thrown.cause : thrown;
    const decision = submissionError(error, answered, {
      attempt: this.failures,
      random: c.o.random,
      backoff: c.o.backoff,
      holdForBalance: c.o.onBalanceRefused !== undefined,
    });
    const err = error as { kind?: unknown; status?: unknown; code?: unknown; message?: unknown };
    const task = c.store.get(id);
    if (!task || decision.action === 'ignore') return;
    if (decision.action !== 'retry') this.answered();
    switch (decision.action) {
      case 'unknown':
        c.settle(id, () =>
          c.finish(
            id,
            {
              status: 'unknown',
              error: {
                code: 'OUTCOME_UNKNOWN',
                message: `${decision.reason} The task may or may not have started at WebRun; check it or submit it again.`,
              },
            },
            {
              kind: 'error',
              payload: { kind: err.kind ?? 'internal', status: err.status ?? null },
            },
          ),
        );
        return;
      case 'fail':
        c.settle(id, () =>
          c.finish(id, {
            status: 'failed',
            error: { code: decision.code, message: decision.message },
          }),
        );
        return;
      case 'hold': {
        // Nothing was started: back to the head of its priority; dispatch waits for money.
        const figures = error instanceof WebRunError ? error.balance : null;
        c.settle(id, () => {
          c.change(
            id,
            { status: 'queued', startedAt: null, queueOrder: -c.o.now() },
            {
              kind: 'error',
              payload: { kind: 'balance', status: err.status, message: decision.reason },
            },
          );
          c.release(id, task.sessionId);
        });
        c.o.onBalanceRefused?.(figures, decision.reason);
        c.dispatch();
        return;
      }
      case 'retry': {
        // Nothing was started: back to the head of its priority, and every dispatch waits.
        this.failures += 1;
        this.blockedUntil = Math.max(this.blockedUntil, c.o.now() + decision.delayMs);
        this.blockedReason = decision.reason;
        this.refused = { since: this.refused?.since ?? c.o.now(), reason: decision.reason };
        const payload = {
          kind: err.kind,
          status: err.status,
          code: err.code,
          message: decision.reason,
          retryInMs: decision.delayMs,
        };
        c.settle(id, () => {
          c.change(
            id,
            { status: 'queued', startedAt: null, queueOrder: -c.o.now() },
            { kind: 'error', payload },
          );
          c.release(id, task.sessionId);
        });
        c.o.log(
          `task ${id}: ${decision.reason.replace(/\.$/, '')}; retrying in ${decision.delayMs} ms`,
        );
        c.queueChanged();
        c.dispatch();
        return;
      }
    }
  }
}

/** An error of ours after WebRun acted on a request (a session it started could not be recorded). */
class AnsweredError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
