// `sessions` and `resume`: the commands that talk to WebRun about work already started.
import { parseArgs } from 'node:util';
import type { TaskView } from '../contract/schemas';
import { UNFINISHED } from '../contract/task-status';
import { resolveConfig } from '../core/config';
import { createDesk } from '../core/desk';
import { usageErrors } from './args';
import { EXIT_FOR } from './run-command';
import { taskJson } from './task-json';

function deskFor(db: string | undefined, recover: boolean, progress: (line: string) => void) {
  const config = resolveConfig({ dbPath: db });
  return createDesk({ dbPath: config.dbPath, apiKey: config.apiKey, baseUrl: config.baseUrl, host: 'browser', sandbox: { timeScale: config.sandboxTimeScale }, recover, log: progress });
}

export async function sessionsCommand(argv: string[], progress: (line: string) => void): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({ args: argv, strict: true, options: { 'terminate-stray': { type: 'boolean' }, db: { type: 'string' }, json: { type: 'boolean' } } }),
  );
  const desk = await deskFor(values.db, false, progress);
  try {
    let result: { terminated: number; failed: { id: string; message: string }[] } | null = null;
    if (values['terminate-stray']) result = await desk.handlers['sessions.terminateStray']({});
    const list = await desk.handlers['sessions.list']({});
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result ? { sessions: list, ...result } : list)}\n`);
    } else {
      for (const s of list.filter((x) => x.status === 'open')) {
        const age = Math.round((Date.now() - s.createdAt) / 60_000);
        process.stdout.write(`${s.id}  open ${age} min  ~$${s.estimatedComputeCost.toFixed(4)} compute${s.stray ? '  STRAY (left by a crash)' : ''}\n`);
      }
      if (!list.some((x) => x.status === 'open')) process.stdout.write('No open sessions.\n');
      if (result) process.stdout.write(`Terminated ${result.terminated} stray session(s).${result.failed.map((f) => `\n  ${f.id}: ${f.message}`).join('')}\n`);
    }
    return result && result.failed.length > 0 ? 1 : 0;
  } finally {
    await desk.close();
  }
}

export async function resumeCommand(argv: string[], progress: (line: string) => void): Promise<number> {
  const { values } = usageErrors(() => parseArgs({ args: argv, strict: true, options: { db: { type: 'string' }, json: { type: 'boolean' } } }));
  const desk = await deskFor(values.db, true, progress);
  try {
    const off = desk.subscribe((event) => {
      if (event.name === 'task.updated') progress(`task ${event.payload.id.slice(0, 8)}: ${event.payload.status.replace('_', ' ')}`);
    });
    const pending = desk.history.list({ status: [...UNFINISHED] }, 10_000).tasks;
    progress(`Following ${pending.length} unfinished task(s).`);
    const settled: TaskView[] = await Promise.all(pending.map((t) => desk.waitForSettled(t.id)));
    off();
    await Promise.all(settled.map((t) => desk.filesSettled(t.id)));
    const final = await Promise.all(settled.map((t) => desk.handlers['tasks.get']({ id: t.id })));
    if (values.json) process.stdout.write(`${JSON.stringify(final.map((t) => taskJson(t, desk.details)))}\n`);
    else for (const t of final) process.stdout.write(`${t.id}  ${t.status.replace('_', ' ')}${t.error ? `: ${t.error.message}` : ''}\n`);
    // The worst outcome decides the exit code, so scripts notice any failure.
    return Math.max(0, ...final.map((t) => EXIT_FOR[t.status] ?? 1));
  } finally {
    await desk.close();
  }
}
