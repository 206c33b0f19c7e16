// A scripted WebRun on 127.0.0.1 that holds run-task's answer until the test releases it, as
// WebRun may for up to 50 s: the window in which a host that quits loses the answer. A prompt
// with HOLD in it is held; any other is answered completed at once. Every submission is counted
// per prompt, and a poll of a task it accepted answers completed, so the task can be followed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOLD = '[hold]';

export interface HeldRequest {
  prompt: string;
  /**
   * Answers it: as WebRun does past its 50 s window (pending, with the ids and the poll URL), or
   * as the task's end within it (completed).
   */
  release(end?: 'pending' | 'completed'): void;
  /** The ids it gave (or gives on release). */
  sessionId: string;
  taskId: string;
}

export interface HeldWebRun {
  url: string;
  held: HeldRequest[];
  /** Submissions (run-task requests) per prompt. */
  submissions: Map<string, number>;
  close(): Promise<void>;
}

const USAGE = { prompt_tokens: 40, completion_tokens: 10, total_tokens: 50, cost: 0.02 };

export async function startHeldWebRun(): Promise<HeldWebRun> {
  const held: HeldRequest[] = [];
  const submissions = new Map<string, number>();
  let next = 0;
  let url = '';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const reply = (body: object): void => {
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const poll = /^\/task\/([^/]+)\/([^/?]+)/.exec(req.url ?? '');
      if (poll)
        return reply({
          success: true,
          sessionId: poll[1],
          taskId: poll[2],
          type: 'task_completed',
          data: { message: 'followed to the end', files: [], network: [] },
          usage: USAGE,
          completedAt: new Date().toISOString(),
        });
      if (req.url !== '/start/run-task') return reply({ success: false, message: 'not here' });
      const body = JSON.parse(text) as { task?: { prompt?: string }; prompt?: string };
      const prompt = body.task?.prompt ?? body.prompt ?? '';
      submissions.set(prompt, (submissions.get(prompt) ?? 0) + 1);
      next += 1;
      const ids = { sessionId: `s-held-${next}`, taskId: `t-held-${next}` };
      const completed = {
        success: true,
        ...ids,
        type: 'task_completed',
        data: { message: 'done within the window', files: [], network: [] },
        usage: USAGE,
      };
      if (!prompt.includes(HOLD)) return reply(completed);
      held.push({
        prompt,
        ...ids,
        release: (end = 'pending') =>
          reply(
            end === 'completed'
              ? completed
              : {
                  success: true,
                  ...ids,
                  status: 'pending',
                  pending: true,
                  pollUrl: `${url}/task/${ids.sessionId}/${ids.taskId}`,
                  message: 'Task still running. Poll GET /task/:sessionId/:taskId for result.',
                },
          ),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    held,
    submissions,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
