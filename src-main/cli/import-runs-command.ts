// `webrun-desk import-runs`: brings the runs of the user's triggers into the history now
// (the app also does it at start and every minute). Each run is imported once, however often.
import { parseArgs } from 'node:util';
import { baseUrlOption, usageErrors } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import type { Progress } from './command';
import { jsonText, writeOut } from './terminal-text';

export async function importRunsCommand(argv: string[], progress: Progress): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { ...DESK_OPTIONS, json: { type: 'boolean' } },
    }),
  );
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: false,
    progress,
  });
  try {
    const result = await desk.handlers['triggers.importRuns']({});
    if (values.json) writeOut(`${jsonText(result)}\n`);
    else {
      writeOut(`Imported ${result.imported} trigger run(s).\n`);
      for (const f of result.failed) writeOut(`  ${f.triggerId}: ${f.message}\n`);
    }
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await desk.close();
  }
}
