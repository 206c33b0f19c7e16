// Vitest global setup: no test may leave a history's shared sandbox running (a detached process,
// core/shared-sandbox/launch.ts). Tests give it a short quiet period (vitest.config.ts) and it
// stops at once when its history is deleted; this counts, at the end of the run, the sandbox
// processes of this checkout that the run started and that are still alive, and fails the run
// if any is left. It reads /proc, so it checks on Linux only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const entries = [
  join(root, 'out/cli/sandbox-host.mjs'),
  join(root, 'src-main/core/shared-sandbox/host-entry.ts'),
];

function sandboxPids(): Set<number> {
  const pids = new Set<number>();
  if (!existsSync('/proc')) return pids;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args.some((arg) => entries.includes(arg))) pids.add(Number(name));
    } catch {
      // it ended while we looked
    }
  }
  return pids;
}

export default function leftoverSandboxes(): () => Promise<void> {
  const before = sandboxPids();
  return async () => {
    const left = (): number[] => [...sandboxPids()].filter((pid) => !before.has(pid));
    // A sandbox whose history was just deleted stops within its next check (a few seconds).
    for (let i = 0; i < 200 && left().length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const pids = left();
    console.log(`Shared sandboxes left running by this run: ${pids.length}`);
    if (pids.length > 0)
      throw new Error(
        `${pids.length} shared sandbox process(es) outlived the tests (pids ${pids.join(', ')}): a test left its history (or an unfinished task) behind.`,
      );
  };
}
