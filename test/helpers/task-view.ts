import type { TaskView } from '../../src-main/contract/index';

/** A plausible TaskView for tests that only care about a few fields. */
export function taskView(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: 't1',
    prompt: 'p',
    startingUrl: null,
    status: 'queued',
    sessionId: null,
    remoteTaskId: null,
    resultMessage: null,
    usage: null,
    costSource: null,
    error: null,
    createdAt: 1,
    updatedAt: 1,
    startedAt: null,
    endedAt: null,
    mode: 'oneshot',
    priority: 0,
    tags: [],
    retryOf: null,
    costCap: null,
    keepSessionOpen: false,
    lastActivity: null,
    question: null,
    currentUrl: null,
    queueOrder: 1,
    credentialSites: [],
    expiresAt: null,
    environmentId: null,
    triggerId: null,
    options: {
      outputType: 'text',
      outputSchema: null,
      maxDuration: null,
      maxInputTokens: null,
      maxOutputTokens: null,
      files: [],
    },
    ...overrides,
  };
}
