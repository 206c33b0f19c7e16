// What socket news means for polling, as a pure function. Polling stays the source of truth;
// the socket decides when a poll is worth its request:
// - news that changes the task's state (completed, a question, an error, the session's end,
//   the instance back) → one poll now, to confirm it;
// - any other news (the agent's narrative, a healthy connect) proves the socket alive → the
//   timed poll moves to one healthy interval after it, since the socket would have told us;
// - a drop, or a reconnect that may have missed events → poll now (and fast again after).
// So a task with a live, talkative socket costs its submission, the socket and one confirming
// poll; a socket that goes quiet while looking connected still gets a timed poll.

export type SocketNews =
  | { type: 'event'; changesState: boolean }
  | { type: 'health'; healthy: boolean; resync: boolean };

export type PollAction = { action: 'now' } | { action: 'defer'; delayMs: number };

export function pollOnSocketNews(news: SocketNews, healthyIntervalMs: number): PollAction {
  if (news.type === 'event') return news.changesState ? { action: 'now' } : { action: 'defer', delayMs: healthyIntervalMs };
  if (!news.healthy || news.resync) return { action: 'now' };
  return { action: 'defer', delayMs: healthyIntervalMs };
}
