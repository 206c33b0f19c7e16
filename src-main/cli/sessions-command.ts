// `webrun-desk sessions`: open sessions (they bill by the minute), and closing the stray ones
// a crash left behind.
import { formatDuration } from '../contract/duration-format';
import { formatUsd } from '../contract/money-format';
import { parseArgs } from 'node:util';
import { baseUrlOption, usageErrors } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import type { Progress } from './command';
import { jsonText, writeOut } from './terminal-text';

export async function sessionsCommand(argv: string[], progress: Progress): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        ...DESK_OPTIONS,
        'terminate-stray': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    }),
  );
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: false,
    progress,
    // Closing stray sessions sends and stores: refused on a history it cannot write.
    readsOnly: !values['terminate-stray'],
  });
  try {
    let result: { terminated: number; failed: { id: string; message: string }[] } | null = null;
    if (values['terminate-stray']) result = await desk.handlers['sessions.terminateStray']({});
    const list = await desk.handlers['sessions.list']({});
    if (values.json) {
      writeOut(`${jsonText(result ? { sessions: list, ...result } : list)}\n`);
    } else {
      for (const s of list.filter((x) => x.status === 'open')) {
        writeOut(
          `${s.id}  open ${formatDuration(Date.now() - s.createdAt)}  ~${formatUsd(s.estimatedComputeCost)} compute${s.stray ? '  STRAY (left by a crash)' : ''}\n`,
        );
      }
      if (!list.some((x) => x.status === 'open')) writeOut('No open sessions.\n');
      if (result)
        writeOut(
          `Terminated ${result.terminated} stray session(s).${result.failed.map((f) => `\n  ${f.id}: ${f.message}`).join('')}\n`,
        );
    }
    return result && result.failed.length > 0 ? 1 : 0;
  } finally {
    await desk.close();
  }
}
