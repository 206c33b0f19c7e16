// What the model-based test injects into a core and what it watches there: store writes that
// refuse (SQLITE_BUSY) at a chosen write, WebRun calls still in flight (the model settles on
// them), and which tasks a core heard WebRun name by its ids. Counts every injected fault that
// actually reached a core, for the closing report and the floors.
import type { WebRunClient } from '../../../src-main/core/webrun/client';
import type { TaskOutcome } from '../../../src-main/core/webrun/types';
import { WRITES, type Core } from './core';

/** What the runs injected that actually reached the core (socket, store, restarts, controls). */
export const injected = new Map<string, number>();
export const inject = (kind: string): void =>
  void injected.set(kind, (injected.get(kind) ?? 0) + 1);

export class Probes {
  /** Writes left before the injected failure (-1: none armed). */
  faultIn = -1;
  /** Calls to WebRun not finished yet: settle() waits for them (the request may not have arrived). */
  calls = 0;
  /** Tasks whose submission's answer, as a core received it, named the task at WebRun. */
  readonly heard = new Set<string>();

  countCalls(client: WebRunClient, core: Core): void {
    const target = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of [
      'runTask',
      'pollTask',
      'startSession',
      'newTask',
      'setState',
      'interact',
      'answerGuardrail',
    ]) {
      const original = target[method]!.bind(client);
      const submits = method === 'runTask' || method === 'newTask';
      target[method] = async (...args: unknown[]) => {
        this.calls += 1;
        if (core.name === 'B' && submits) inject('core B: sent');
        try {
          const answer = await original(...args);
          if (submits) this.heardIds(args, answer as TaskOutcome);
          return answer;
        } finally {
          this.calls -= 1;
        }
      };
    }
  }

  private heardIds(args: unknown[], answer: TaskOutcome): void {
    const input = args.find(
      (a): a is { prompt: string } => typeof a === 'object' && a !== null && 'prompt' in a,
    );
    const id = /\[task:([\w-]+)\]/.exec(input?.prompt ?? '')?.[1];
    if (id && (answer.pollUrl || answer.taskId)) this.heard.add(id);
  }

  injectFaults(targets: Record<keyof typeof WRITES, object>): void {
    for (const [name, methods] of Object.entries(WRITES) as [keyof typeof WRITES, string[]][]) {
      const target = targets[name] as Record<string, (...args: unknown[]) => unknown>;
      for (const method of methods) {
        const original = target[method]!.bind(target);
        target[method] = (...args: unknown[]) => {
          if (this.faultIn === 0) {
            this.faultIn = -1;
            inject('store: write refused');
            throw Object.assign(new Error(`database is locked (injected at ${name}.${method})`), {
              code: 'SQLITE_BUSY',
            });
          }
          if (this.faultIn > 0) this.faultIn -= 1;
          return original(...args);
        };
      }
    }
  }
}
