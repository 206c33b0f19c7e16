// What the socket means for polling, as pure functions. Polling stays the source of truth;
// the socket decides when a poll is worth its request:
// - news that changes the task's state (completed, a question, an error, the session's end,
//   the instance back) → one poll now, to confirm it;
// - the socket connecting (it proves itself alive) → the planned poll moves out to the healthy
//   interval: the socket would announce a change before it;
// - a drop, or a reconnect that may have missed events → poll now (and fast again after);
// - the agent's narrative → nothing: it changes no state.
// With a healthy socket the timed poll comes a healthy interval after the last poll: it keeps
// the running cost and the network log fresh, and guards against a server that forgets to
// announce. A task with a cost cap is polled more often, since only polls carry the cost; so is
// a task whose cost is watched for anomalies (its template has a baseline).
// So a 90 s task with a live socket costs its submission, the socket and one confirming poll.

export type SocketNews =
  { type: 'event'; changesState: boolean } | { type: 'health'; healthy: boolean; resync: boolean };

export type PollAction =
  { action: 'now' } | { action: 'defer'; delayMs: number } | { action: 'none' };

/** Timed polls of a capped task, healthy socket or not: the cap is checked on each answer. */
export const CAPPED_POLL_INTERVAL_MS = 15_000;

export function pollOnSocketNews(news: SocketNews, healthyIntervalMs: number): PollAction {
  if (news.type === 'event') return news.changesState ? { action: 'now' } : { action: 'none' };
  if (!news.healthy || news.resync) return { action: 'now' };
  return { action: 'defer', delayMs: healthyIntervalMs };
}

/** The interval of timed polls while the task's socket is healthy. */
export function healthyPollInterval(
  task: { costCap: number | null; costWatched?: boolean },
  healthyIntervalMs: number,
): number {
  return task.costCap === null && !task.costWatched
    ? healthyIntervalMs
    : Math.min(healthyIntervalMs, CAPPED_POLL_INTERVAL_MS);
}
