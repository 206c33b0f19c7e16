// `webrun-desk check`: checks the history database now (the same worker-thread quick_check the
// app runs when idle), records the result where the app shows it, and prints it.
import { parseArgs } from 'node:util';
import { existingDbPath } from './existing-db';
import { IntegrityMonitor } from '../core/integrity/integrity-monitor';
import { runIntegrityCheck } from '../core/integrity/run-check';
import { openStore } from '../core/store/open-store';
import { SettingsStore } from '../core/settings/settings-store';
import { usageErrors } from './args';
import { jsonText, writeErr, writeOut } from './terminal-text';

export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' } },
    }),
  );
  const opened = openStore(existingDbPath(values.db));
  try {
    let found: { state: string; problems: string[]; durationMs: number | null };
    if (opened.readOnlyReason) {
      // A read-only database cannot record a result: check it all the same, saying so first.
      writeErr(`${opened.readOnlyReason}\n`);
      const r = await runIntegrityCheck(opened.copyPath ?? opened.path).result;
      found = { state: r.outcome, problems: r.problems, durationMs: Math.round(r.durationMs) };
    } else {
      const monitor = new IntegrityMonitor({
        settings: new SettingsStore(opened.db),
        check: () => runIntegrityCheck(opened.path),
        idle: () => true,
      });
      found = await monitor.runNow();
    }
    const { state, problems, durationMs: ms } = found;
    if (values.json)
      writeOut(`${jsonText({ state, durationMs: ms, problems, path: opened.path })}\n`);
    else if (state === 'ok')
      writeOut(`History database ${opened.path}: ok (quick_check in ${ms} ms)\n`);
    else
      writeOut(
        `History database ${opened.path}: ${state === 'damaged' ? 'DAMAGED' : 'could not be checked'}\n${problems.map((p) => `  ${p}\n`).join('')}`,
      );
    return state === 'ok' ? 0 : 1;
  } finally {
    opened.db.close();
  }
}
