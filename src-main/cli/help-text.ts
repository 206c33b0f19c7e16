// What `webrun-desk --help` says after the commands: the environment, examples, exit codes.
export const ENVIRONMENT_HELP = `Environment:
  WEBRUN_API_KEY             your WebRun API key; without it the built-in sandbox is used
  WEBRUN_BASE_URL            WebRun's address (default https://connect.webrun.ai)
  WEBRUN_DESK_DB             the history database (default in your user data folder)
  WEBRUN_SANDBOX_TIME_SCALE  speed of simulated tasks (default 0.1: ten times real time)
  WEBRUN_SANDBOX_QUIET_MS    the history's shared sandbox stops after this long unused
                             (default 600000: 10 minutes)

Examples:
  webrun-desk run "Find the opening hours of the Louvre" --json
  webrun-desk history --status failed
  webrun-desk serve --port 8080
  webrun-desk sandbox --time-scale 0.01
  webrun-desk mcp --db ~/history.db

Exit codes (run, batch, resume): 0 completed, 1 failed/stopped/cancelled (or the history
  could not be written), 2 bad usage, 3 needs input and nobody to ask, 4 outcome unknown,
  5 WebRun unreachable (run --give-up-after), 130 interrupted with Ctrl+C.
  Other commands: 0 done, 1 failed, 2 bad usage.`;
