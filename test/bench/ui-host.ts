// Browser mode as `webrun-desk serve` assembles it (createDesk + startBrowserServer + the built
// UI), plus an event pump: the serve CLI has no way to make 1,000 task updates a second on
// demand, so this host drives them through the runner's own change() (store write, then the
// task.updated event every UI connection receives). stdin "pump <perSecond> <ms>" starts it.
import { createInterface } from 'node:readline';
import { createDesk } from '../../src-main/core/desk';
import { startBrowserServer } from '../../src-main/web/server';

const { dbPath, staticRoot } = JSON.parse(process.argv[2] ?? '{}') as {
  dbPath: string;
  staticRoot: string;
};
const desk = await createDesk({ dbPath, host: 'browser', sandbox: { timeScale: 0.01 } });
const server = await startBrowserServer({ desk, staticRoot });
const ids = desk.history.list({}, 10_000).tasks.map((t) => t.id);
process.stdout.write(`${JSON.stringify({ url: server.url, tasks: ids.length })}\n`);

function pump(perSecond: number, ms: number): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let sent = 0;
    // A 10 ms tick that catches up to the exact rate, so the load is steady, not bursty.
    const tick = setInterval(() => {
      const elapsed = performance.now() - t0;
      const due = Math.min(
        Math.floor((elapsed / 1000) * perSecond),
        Math.floor((ms / 1000) * perSecond),
      );
      for (; sent < due; sent++)
        desk.runner.change(ids[sent % ids.length]!, {
          lastActivity: `Clicked result ${sent} on the page`,
        });
      if (elapsed >= ms) {
        clearInterval(tick);
        resolve(sent);
      }
    }, 10);
  });
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, rate, ms] = line.trim().split(/\s+/);
  if (command !== 'pump') return;
  void pump(Number(rate), Number(ms)).then((sent) =>
    process.stdout.write(`${JSON.stringify({ pumped: sent })}\n`),
  );
});
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => desk.close())
    .then(() => process.exit(0));
});
