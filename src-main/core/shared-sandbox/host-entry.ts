// Entry of the detached process that hosts a history's shared sandbox (launch.ts starts it).
// Its configuration comes as one JSON argument; the token comes through the environment, so it
// never shows in the process list.
import { runHost, type HostConfig } from './host';
import { TOKEN_ENV } from './sandbox-file';

const token = process.env[TOKEN_ENV] ?? '';
delete process.env[TOKEN_ENV];
const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
runHost(config, token, (code) => process.exit(code)).then(
  (outcome) => {
    if (outcome === 'lost') process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`webrun-desk sandbox host: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
