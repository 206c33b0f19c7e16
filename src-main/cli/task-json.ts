// The one JSON shape `webrun-desk run --json` prints when a task ends (documented in the
// README), built from the stored task and its details.
import type { TaskView } from '../contract/schemas';
import type { TaskDetailsStore } from '../core/tasks/task-details-store';

export interface TaskJson {
  id: string;
  sessionId: string | null;
  taskId: string | null;
  status: TaskView['status'];
  message: string | null;
  usage: {
    prompt_tokens: number | null;
    completion_tokens: number | null;
    total_tokens: number | null;
    completion_time: number | null;
    cost: number | null;
  } | null;
  costSource: TaskView['costSource'];
  network: { url: string; timestamp: number | null }[];
  files: {
    filename: string;
    source: string | null;
    downloadUrl: string;
    localPath: string | null;
  }[];
  error: { code: string | null; message: string } | null;
}

export function taskJson(task: TaskView, details: TaskDetailsStore): TaskJson {
  const u = task.usage;
  return {
    id: task.id,
    sessionId: task.sessionId,
    taskId: task.remoteTaskId,
    status: task.status,
    message: task.resultMessage,
    usage: u
      ? {
          prompt_tokens: u.promptTokens,
          completion_tokens: u.completionTokens,
          total_tokens: u.totalTokens,
          completion_time: u.completionTime,
          cost: u.cost,
        }
      : null,
    costSource: task.costSource,
    network: details.network(task.id, 1_000_000).map((n) => ({ url: n.url, timestamp: n.at })),
    files: details.files(task.id).map((f) => ({
      filename: f.filename,
      source: f.source,
      downloadUrl: f.downloadUrl,
      localPath: f.localPath,
    })),
    error: task.error,
  };
}
