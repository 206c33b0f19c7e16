// Follows what a session's socket says: records each event once (in order, deduplicated),
// keeps the task's last activity, tells the UI, and turns news into poll decisions.
//
// Events are taken as they arrive and handled together once this turn's I/O is over
// (setImmediate), all in one write: under load dozens arrive in the same turn, and a commit
// each was the largest single cost of running a task. Each is still handled exactly as if it
// had come alone, in arrival order, against the state of that moment.
import { activityOf, changesState } from '../webrun/activity';
import type { SocketEvent } from '../webrun/socket-events';
import { EventDedup } from './event-dedup';
import { healthyPollInterval, pollOnSocketNews, type SocketNews } from './poll-policy';
import type { RunnerContext } from './runner-context';

type Arrival =
  | { kind: 'event'; sessionId: string; event: SocketEvent }
  | { kind: 'health'; sessionId: string; healthy: boolean; resync: boolean };

export class SocketFollower {
  private readonly dedup = new EventDedup();
  private inbox: Arrival[] = [];

  constructor(private readonly c: RunnerContext) {}

  event(sessionId: string, event: SocketEvent): void {
    this.receive({ kind: 'event', sessionId, event });
  }

  health(sessionId: string, healthy: boolean, resync: boolean): void {
    this.receive({ kind: 'health', sessionId, healthy, resync });
  }

  private receive(arrival: Arrival): void {
    if (this.inbox.length === 0) this.c.o.afterBurst(() => this.handleInbox());
    this.inbox.push(arrival);
  }

  private handleInbox(): void {
    const arrivals = this.inbox;
    this.inbox = [];
    const c = this.c;
    if (c.isClosed()) return;
    void c.guard(async () =>
      c.writes.run(() => {
        for (const a of arrivals) {
          if (a.kind === 'event') this.onEvent(a.sessionId, a.event);
          else this.onHealth(a.sessionId, a.healthy, a.resync);
        }
      }),
    );
  }

  private onEvent(sessionId: string, event: SocketEvent): void {
    const c = this.c;
    if (c.isClosed()) return;
    const taskId = c.busySessions.get(sessionId);
    if (event.kind === 'end_session') {
      c.sessions.end(sessionId, event.reason, c.o.now());
      c.writes.afterCommit(() => c.links.detach(sessionId));
    }
    if (!taskId) return;
    const fingerprint = this.dedup.admit(sessionId, event);
    if (fingerprint === null) return;
    const remote = { kind: 'remote' as const, payload: { socket: event.kind, event } };
    const activity = activityOf(event);
    // The agent's narrative is the task's last activity too: one write records both.
    if (activity && (activity.kind === 'agent' || activity.kind === 'action'))
      c.change(taskId, { lastActivity: activity.text.slice(0, 500) }, remote);
    else c.store.appendEvent(taskId, remote.kind, remote.payload);
    if (activity) {
      c.o.onActivity({
        taskId,
        at: c.o.now(),
        kind: activity.kind,
        text: activity.text.slice(0, 2_000),
        fingerprint,
      });
    }
    this.onNews(taskId, { type: 'event', changesState: changesState(event) });
  }

  /** Carries out poll-policy's answer to socket news. */
  private onNews(taskId: string, news: SocketNews): void {
    // The agent's narrative changes no poll: skip even the read (it is most of the socket's traffic).
    if (news.type === 'event' && !news.changesState) return;
    const task = this.c.store.get(taskId);
    const action = pollOnSocketNews(
      news,
      healthyPollInterval(
        { costCap: task?.costCap ?? null, costWatched: task ? this.c.o.costWatched(task) : false },
        this.c.o.healthyPollIntervalMs,
      ),
    );
    if (action.action === 'now') this.c.polls.now(taskId);
    else if (action.action === 'defer') this.c.polls.defer(taskId, action.delayMs);
  }

  private onHealth(sessionId: string, healthy: boolean, resync: boolean): void {
    const c = this.c;
    const taskId = c.busySessions.get(sessionId);
    if (!taskId || !c.tracked.has(taskId)) return;
    c.store.appendEvent(taskId, 'remote', {
      socket: healthy ? 'connected' : 'disconnected',
      resync,
    });
    // Missed events, or back to fast polling: either way, learn the truth now.
    this.onNews(taskId, { type: 'health', healthy, resync });
  }

  forgetSession(sessionId: string): void {
    this.dedup.forget(sessionId);
  }
}
