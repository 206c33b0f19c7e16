// `webrun-desk resume`: picks up the tasks a crash or a quit interrupted and waits for them.
import { parseArgs } from 'node:util';
import type { TaskView } from '../contract/schemas';
import { UNFINISHED } from '../contract/task-status';
import { baseUrlOption, usageErrors } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import { storageGuard } from './storage-guard';
import type { Progress } from './command';
import { EXIT_FOR } from './run-command';
import { followBatches } from './batch-progress';
import { onInterruptFollowing } from './interrupt';
import { taskJson } from './task-json';
import { jsonText, writeOut } from './terminal-text';

export async function resumeCommand(argv: string[], progress: Progress): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { ...DESK_OPTIONS, json: { type: 'boolean' } },
    }),
  );
  // Recovery at start may turn a task caught mid-submission unknown: stamped from here on.
  const openedAt = Date.now();
  const storage = storageGuard();
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: true,
    progress,
    onStorageFailure: storage.onStorageFailure,
  });
  try {
    const off = desk.subscribe((event) => {
      if (event.name === 'task.updated')
        progress(`task ${event.payload.id.slice(0, 8)}: ${event.payload.status.replace('_', ' ')}`);
    });
    const batches = followBatches(desk, progress);
    const unfinished = desk.history.list({ status: [...UNFINISHED] }, 10_000).tasks;
    // Another live process (the app, a `run`) follows these: it is their owner, not us.
    const elsewhere = unfinished.filter((t) => desk.leases.heldElsewhere(t.id));
    const pending = unfinished.filter((t) => !desk.leases.heldElsewhere(t.id));
    const lost = desk.history
      .list({ status: ['unknown'] }, 10_000)
      .tasks.filter((t) => t.updatedAt >= openedAt);
    // Listening before the first line: a Ctrl+C that follows it is always answered.
    const interrupt = onInterruptFollowing(desk, () => pending.map((t) => t.id));
    progress(`Following ${pending.length} unfinished task(s).`);
    for (const t of elsewhere)
      progress(`Not following task ${t.id.slice(0, 8)}: another process on this history runs it.`);
    for (const t of lost)
      progress(
        `Could not follow task ${t.id.slice(0, 8)}: ${t.error?.message ?? 'its outcome is unknown.'}`,
      );
    const followed = await Promise.race([
      storage.race(Promise.all(pending.map((t) => desk.waitForSettled(t.id)))),
      interrupt.interrupted,
    ]);
    off();
    if (typeof followed === 'number') return followed;
    interrupt.stop();
    const settled: TaskView[] = [...followed, ...lost];
    await Promise.all(settled.map((t) => desk.filesSettled(t.id)));
    const final = await Promise.all(settled.map((t) => desk.handlers['tasks.get']({ id: t.id })));
    if (values.json) writeOut(`${jsonText(final.map((t) => taskJson(t, desk.details)))}\n`);
    else
      for (const t of final)
        writeOut(
          `${t.id}  ${t.status.replace('_', ' ')}${t.error ? `: ${t.error.message}` : ''}\n`,
        );
    // The worst outcome decides the exit code, so scripts notice any failure.
    return Math.max(0, await storage.race(batches), ...final.map((t) => EXIT_FOR[t.status] ?? 1));
  } finally {
    await desk.close();
  }
}
