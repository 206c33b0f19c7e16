// `webrun-desk serve`: the app in browser mode, on 127.0.0.1 only, until SIGINT or SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserServer } from '../web/server';
import { baseUrlOption, intOption, usageErrors } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import { closeOnSignals } from './host-close';
import type { Progress } from './command';
import { writeOut } from './terminal-text';

function defaultStaticRoot(): string | null {
  const root = fileURLToPath(new URL('../../out/renderer', import.meta.url));
  return existsSync(root) ? root : null;
}

export async function serveCommand(argv: string[], progress: Progress): Promise<null> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        ...DESK_OPTIONS,
        port: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
      },
    }),
  );
  const port = intOption(values.port, 'port', { min: 0, max: 65535 });
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: true,
    progress,
    readsOnly: true,
    // Browser mode is the app: it runs due watches while it runs.
    runWatches: true,
  });
  const staticRoot = defaultStaticRoot();
  if (!staticRoot) progress('The UI is not built yet (run `npm run build`); serving the API only.');
  const server = await startBrowserServer({
    desk,
    staticRoot,
    port,
    extraOrigins: values['allow-origin'],
    log: progress,
  });
  // Before the URL is printed: whoever reads it (a script, a test, a person's Ctrl-C) may stop
  // the server at once, and without a handler yet that signal kills the process uncleanly
  // (the next start then reports an unclean shutdown and checks the database).
  closeOnSignals({
    desk,
    progress,
    closing: 'Closing WebRun Desk…',
    again: 'Ctrl+C again to quit now',
    stopTaking: () => server.close(),
  });
  progress(`History: ${desk.info.dbPath}`);
  writeOut(`WebRun Desk is running in browser mode. Open: ${server.url}\n`);
  return null; // keeps running
}
