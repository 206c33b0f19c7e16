// `webrun-desk sandbox`: the local WebRun-compatible server alone, until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { startSandbox } from '../core/sandbox/index';
import { intOption, numberOption, usageErrors } from './args';

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
  process.stdout.write(
    `WebRun sandbox listening on ${handle.url} (any key starting wr_ or enig_ is accepted)\n`,
  );
  const stop = async (): Promise<void> => {
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return null; // keeps running
}
