// A sandbox in its own process: prints {"url": ...} once listening, runs until SIGTERM.
import { startSandbox, type SandboxOptions } from '../../src-main/sandbox/index';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const handle = await startSandbox(options);
process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
process.once('SIGTERM', () => {
  void handle.close().then(() => process.exit(0));
});
