// Fan-out of core events to every attached UI, plus the batching that keeps a burst of
// remote events from flooding a renderer: at most one delivery per frame, and only the
// latest snapshot of each task (an older snapshot of the same task carries nothing new).
import type { DeskEvent } from '../contract/index';

export type Listener = (event: DeskEvent) => void;

export class EventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DeskEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed socket) must not stop delivery to the others.
      }
    }
  }
}

/** Events that are snapshots: only the latest of each key matters. Activity is a stream: all of it does. */
function keyOf(event: DeskEvent): string | null {
  switch (event.name) {
    case 'task.updated':
      return `task:${event.payload.id}`;
    case 'batch.updated':
      return `batch:${event.payload.id}`;
    case 'queue.status':
    case 'budget.status':
      return event.name;
    default:
      return null;
  }
}

export interface BatcherOptions {
  /** The shortest gap between two deliveries: one animation frame at 60 Hz. */
  frameMs?: number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout?: (timer: ReturnType<typeof setTimeout>) => void;
}

/**
 * Delivers pushed events at most once per frame. When the connection has been quiet for a
 * frame, the first event goes out at once (after the current turn, so one synchronous burst
 * is still one message): a lone completion is never held back. Under a burst, deliveries are
 * spaced a frame apart and carry everything since the last one, keeping only the latest
 * snapshot of each task.
 */
export class EventBatcher {
  private pending: DeskEvent[] = [];
  private readonly keyed = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDelivery = -Infinity;
  private readonly frameMs: number;
  private readonly now: () => number;
  private readonly setTimer: NonNullable<BatcherOptions['setTimeout']>;
  private readonly clearTimer: NonNullable<BatcherOptions['clearTimeout']>;

  constructor(
    private readonly deliver: (events: DeskEvent[]) => void,
    options: BatcherOptions = {},
  ) {
    this.frameMs = options.frameMs ?? 16;
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? ((t) => clearTimeout(t));
  }

  push(event: DeskEvent): void {
    const key = keyOf(event);
    const index = key === null ? undefined : this.keyed.get(key);
    if (index !== undefined) {
      this.pending[index] = event;
    } else {
      if (key !== null) this.keyed.set(key, this.pending.length);
      this.pending.push(event);
    }
    this.timer ??= this.setTimer(
      () => this.deliverPending(),
      Math.max(0, this.lastDelivery + this.frameMs - this.now()),
    );
  }

  private deliverPending(): void {
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.keyed.clear();
    this.lastDelivery = this.now();
    this.deliver(batch);
  }

  close(): void {
    if (this.timer) this.clearTimer(this.timer);
    this.timer = null;
    this.pending = [];
    this.keyed.clear();
  }
}
