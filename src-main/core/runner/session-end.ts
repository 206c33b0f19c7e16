// Why a session ended, in words, from the `end_session` reason WebRun sent.
export function sessionEndText(reason: string | null): string {
  switch (reason) {
    case 'expired':
      return 'The session expired after 5 minutes without activity.';
    case 'instance_lost':
      return 'The browser instance running the session was lost.';
    case 'terminated':
      return 'The session was terminated.';
    default:
      return 'The session ended before the task finished.';
  }
}
