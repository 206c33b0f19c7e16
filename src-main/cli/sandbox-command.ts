// `webrun-desk sandbox`: the local WebRun-compatible server alone, until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { KEY_RULE } from '../sandbox/auth';
import { startSandbox } from '../sandbox/index';
import { intOption, numberOption, usageErrors } from './args';
import { writeOut } from './terminal-text';

export async function sandboxCommand(argv: string[]): Promise<null> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        'time-scale': { type: 'string' },
        seed: { type: 'string' },
        legacy: { type: 'boolean' },
      },
    }),
  );
  const handle = await startSandbox({
    port: intOption(values.port, 'port', { min: 0, max: 65535 }),
    timeScale: numberOption(values['time-scale'], 'time-scale', { min: 0, max: 100 }),
    seed: intOption(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }),
    legacy: values.legacy ?? false,
  });
  const stop = async (): Promise<void> => {
    await handle.close();
    process.exit(0);
  };
  // Before the URL is printed, so a reader that stops it at once gets a clean stop (serve-command.ts).
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  writeOut(
    `WebRun sandbox listening on ${handle.url} (it accepts any API key of the form ${KEY_RULE})\n`,
  );
  return null; // keeps running
}
