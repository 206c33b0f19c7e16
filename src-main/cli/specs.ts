// Every command's arguments and options as data, in one dependency-free module: the parser
// (program.ts, commander), the help and the shell completions (completion.ts) are all made from
// it, so a flag exists in all three or in none. main.ts imports a command's own module only when
// it runs, so help starts as fast as Node itself.
import { TASK_STATUSES } from '../contract/task-status';

export interface OptionSpec {
  /** The long flag without dashes, e.g. "starting-url" (or "no-wait" for a plain switch). */
  name: string;
  /** The value's placeholder (URL, N, …); absent for a switch. */
  value?: string;
  /** May be given more than once. */
  multiple?: boolean;
  description: string;
}

export interface CommandSpec {
  name: string;
  /** The arguments as the usage line shows them, e.g. `"<prompt>"`; absent: none. */
  args?: string;
  summary: string;
  options: OptionSpec[];
  /** More help, after the options (subcommands, exit codes). */
  more?: string;
}

const db: OptionSpec = { name: 'db', value: 'PATH', description: 'history database' };
const json = (what: string): OptionSpec => ({ name: 'json', description: what });
const DESK: OptionSpec[] = [
  db,
  {
    name: 'base-url',
    value: 'URL',
    description: "WebRun's address (default $WEBRUN_BASE_URL or https://connect.webrun.ai)",
  },
];
const FILTER: OptionSpec[] = [
  {
    name: 'status',
    value: 'S,S',
    description: `only these statuses (${TASK_STATUSES.join(', ')})`,
  },
  {
    name: 'text',
    value: 'Q',
    description: 'full-text search over prompts, answers and visited URLs',
  },
  { name: 'tag', value: 'T', description: 'only tasks with this tag' },
  {
    name: 'session',
    value: 'ID',
    description: 'only tasks of this session (its id or the short id history shows)',
  },
  {
    name: 'from',
    value: 'DAY',
    description: 'only tasks created on or after this day (2026-11-28)',
  },
  { name: 'to', value: 'DAY', description: 'only tasks created on or before this day' },
  db,
];
const outputType: OptionSpec = {
  name: 'output-type',
  value: 'T',
  description: 'text (default), structured_json or structured_csv',
};

export const COMMAND_SPECS: CommandSpec[] = [
  {
    name: 'run',
    args: '"<prompt>"',
    summary: 'run one task and wait for its end',
    options: [
      { name: 'starting-url', value: 'URL', description: 'open this page first' },
      outputType,
      {
        name: 'schema',
        value: 'FILE',
        description: 'JSON Schema (structured_json) or a JSON list of columns (structured_csv)',
      },
      {
        name: 'max-duration',
        value: 'MS',
        description: "WebRun's limit for the task, 1000 to 300000",
      },
      {
        name: 'cost-cap',
        value: 'USD',
        description: 'stop the task when its running cost reaches this',
      },
      {
        name: 'session',
        value: 'ID',
        description: 'run as a follow-up inside this open session (its id or short id)',
      },
      {
        name: 'env',
        value: 'ID',
        description: 'run in this WebRun environment (stays logged in; see webrun-desk env)',
      },
      {
        name: 'answer',
        value: 'TEXT',
        description: "answer for the agent's question when no terminal can ask",
      },
      { name: 'no-wait', description: 'return once the task is submitted (follow it with resume)' },
      {
        name: 'give-up-after',
        value: 'SECONDS',
        description:
          'stop waiting when WebRun cannot be reached this long (default 120; the task stays queued)',
      },
      json('print the task as one JSON object when it ends'),
      ...DESK,
    ],
    more: 'Exit codes: 0 completed, 1 failed/stopped/cancelled, 2 bad usage, 3 needs input and nobody to ask, 4 outcome unknown, 5 WebRun unreachable (task left queued), 130 interrupted.',
  },
  {
    name: 'resume',
    summary: 'pick up interrupted tasks and batches and wait for them',
    options: [json('print the tasks as one JSON array when they end'), ...DESK],
  },
  {
    name: 'batch',
    args: 'FILE',
    summary: 'one task template over every row of a CSV or JSON file',
    options: [
      {
        name: 'template',
        value: 'TEXT',
        description: 'the prompt, e.g. "Find the price of {{product}} on {{shop}}"',
      },
      {
        name: 'starting-url',
        value: 'URL',
        description: 'may use {{column}} too, e.g. "https://{{shop}}"',
      },
      outputType,
      {
        name: 'schema',
        value: 'FILE',
        description: 'the output schema (its descriptions may use {{column}})',
      },
      { name: 'concurrency', value: 'N', description: 'rows at once (default 5)' },
      {
        name: 'budget',
        value: 'USD',
        description: 'for the whole batch: no new row is sent once it would be exceeded',
      },
      { name: 'cost-cap', value: 'USD', description: 'per row' },
      { name: 'env', value: 'ID', description: 'WebRun environment for every row' },
      { name: 'dry-run', description: 'print the rendered prompts and the estimate; send nothing' },
      { name: 'out', value: 'FILE', description: 'write the results table (.csv or .json)' },
      json('print {batchId, counts, rows} when it ends'),
      ...DESK,
    ],
    more: 'Exit codes: 0 every row completed, 1 any failed or was stopped, 4 any unknown,\n2 bad usage (also a template naming a column the file does not have).',
  },
  {
    name: 'batches',
    summary: 'list batches with their counts and spend',
    options: [json('print them as one JSON array'), db],
  },
  {
    name: 'batch-status',
    args: 'ID',
    summary: "one batch's progress and its rows",
    options: [json('print {batchId, counts, rows, state, reason, spent, budget}'), db],
  },
  {
    name: 'history',
    summary: 'list tasks, newest first',
    options: [
      ...FILTER,
      { name: 'limit', value: 'N', description: 'at most N tasks (default 50)' },
      json('print them as one JSON array'),
    ],
  },
  {
    name: 'spend',
    summary: 'spend against the budget',
    options: [
      { name: 'days', value: 'N', description: 'days of spend by day to include (default 30)' },
      {
        name: 'by',
        value: 'K',
        description:
          'group the days by environment (by id), batch, tag or template, for an invoice',
      },
      { name: 'csv', description: 'with --by: the groups as CSV (as the Spend page exports)' },
      json('print the summary (with --by: the groups) as one JSON object'),
      db,
    ],
  },
  {
    name: 'export',
    summary: 'export the history (secrets in URLs redacted)',
    options: [
      { name: 'format', value: 'F', description: 'csv or json' },
      { name: 'out', value: 'FILE', description: 'write to this file (default: stdout)' },
      ...FILTER,
    ],
  },
  {
    name: 'check',
    summary: "check the history database's integrity now",
    options: [json('print the result as one JSON object'), db],
  },
  {
    name: 'sessions',
    summary: 'list open sessions',
    options: [
      { name: 'terminate-stray', description: 'close the sessions a crash left open' },
      json('print them as JSON'),
      ...DESK,
    ],
  },
  {
    name: 'env',
    args: 'ACTION [ARGS…]',
    summary: 'WebRun environments (stay logged in)',
    options: [
      { name: 'description', value: 'TEXT', description: 'for env create' },
      json('print the result as JSON'),
      ...DESK,
    ],
    more: `Actions:
  env list [--json]                          the environments, with status, size and last use
  env create NAME [--description TEXT] [--json]
  env upload ID FILE.tar.gz                  upload a Chrome profile archive (.tar.gz or .tgz, up to 500 MB)
  env delete ID`,
  },
  {
    name: 'triggers',
    args: 'ACTION [ID]',
    summary: 'WebRun triggers (scheduled tasks)',
    options: [
      { name: 'name', value: 'NAME', description: 'for triggers create' },
      { name: 'env', value: 'ID', description: 'the environment it runs in' },
      { name: 'prompt', value: 'TEXT', description: 'what it runs' },
      { name: 'at', value: 'ISO', description: 'once, at this time' },
      { name: 'every', value: 'INTERVAL', description: 'every 30m, 2h, 1d…' },
      { name: 'cron', value: 'EXPR', description: 'on a cron expression' },
      { name: 'timezone', value: 'TZ', description: 'IANA time zone (default UTC)' },
      { name: 'starting-url', value: 'URL', description: 'open this page first' },
      json('print the result as JSON'),
      ...DESK,
    ],
    more: `Actions:
  triggers list [--json]
  triggers create --name NAME --env ID --prompt TEXT (--at ISO | --every 30m | --cron "EXPR")
                  [--timezone TZ] [--starting-url URL] [--json]
  triggers pause|resume|run|delete ID
  triggers runs ID [--json]                  its runs, newest first, with their cost`,
  },
  {
    name: 'import-runs',
    summary: 'import trigger runs into the history now',
    options: [json('print {imported, failed} as JSON'), ...DESK],
  },
  {
    name: 'compare',
    args: '<A> [B]',
    summary: 'compare two runs (or a run with the previous run of its watch or prompt)',
    options: [json('print the comparison as JSON'), db],
    more: `A and B are task ids, full or short as history shows them. The comparison: a key-path
diff of structured output, a row diff of CSV output, a word diff of text; the change in cost,
tokens, duration and steps; visited domains new and gone; files added and removed; questions.`,
  },
  {
    name: 'watch',
    args: 'ACTION [ID]',
    summary: 'watches: a task run on a schedule, checked and compared run after run',
    options: [
      { name: 'from', value: 'FILE', description: 'for watch add: the whole watch as JSON' },
      { name: 'name', value: 'NAME', description: 'for watch add' },
      { name: 'prompt', value: 'TEXT', description: 'what it runs; {{name}} placeholders' },
      { name: 'value', value: 'NAME=VALUE', multiple: true, description: 'a placeholder value' },
      { name: 'starting-url', value: 'URL', description: 'open this page first' },
      outputType,
      { name: 'schema', value: 'FILE', description: 'JSON Schema or a JSON list of columns' },
      { name: 'preset', value: 'P', description: 'hourly, daily, weekdays or weekly' },
      { name: 'at', value: 'HH:MM', description: 'time of day for a preset (default 09:00)' },
      { name: 'every', value: 'INTERVAL', description: 'every 30m, 2h, 1d…' },
      { name: 'cron', value: 'EXPR', description: 'on a cron expression' },
      { name: 'timezone', value: 'TZ', description: 'IANA time zone (default UTC)' },
      {
        name: 'check',
        value: 'JSON',
        multiple: true,
        description: 'a check, as {"kind":"number","path":"price","max":20}',
      },
      { name: 'watch-path', value: 'PATH', multiple: true, description: 'a key path that matters' },
      {
        name: 'ignore-path',
        value: 'PATH',
        multiple: true,
        description: 'a key path that is noise',
      },
      {
        name: 'ignore-pattern',
        value: 'REGEX',
        multiple: true,
        description: 'values that are noise',
      },
      { name: 'tolerance', value: 'N', description: 'numbers moving by at most N are unchanged' },
      {
        name: 'tolerance-percent',
        value: 'P',
        description: 'numbers moving by at most P % are unchanged',
      },
      {
        name: 'unchanged-days',
        value: 'N',
        description: 'alert when nothing material changed for N days',
      },
      { name: 'catch-up', value: 'once|skip', description: 'runs missed while off (default once)' },
      { name: 'cost-cap', value: 'USD', description: "each run's cost cap" },
      json('print the result as JSON'),
      ...DESK,
    ],
    more: `Actions:
  watch list [--json]                        every watch: schedule, next run, pass and flap
                                             rates over its last 20 runs, its last alert
  watch add --from FILE | --name N --prompt P (--preset P [--at HH:MM] | --every 1h
            | --cron "EXPR") [--timezone TZ] [--check JSON]... [--watch-path P]...
  watch run                                  keep running due watches until Ctrl-C
  watch runs ID [--json]                     its runs, newest first: verdict and change
  watch pause|resume|remove ID`,
  },
  {
    name: 'serve',
    summary: 'serve the app in browser mode on 127.0.0.1',
    options: [
      { name: 'port', value: 'N', description: 'port to listen on (default: a free one)' },
      {
        name: 'allow-origin',
        value: 'O',
        multiple: true,
        description: 'also accept API calls from this origin (a dev server)',
      },
      ...DESK,
    ],
  },
  {
    name: 'sandbox',
    summary: 'start the local WebRun-compatible sandbox alone',
    options: [
      { name: 'port', value: 'N', description: 'port to listen on (default: a free one)' },
      {
        name: 'time-scale',
        value: 'X',
        description: 'speed of simulated tasks (0.01 = a hundred times real time)',
      },
      { name: 'seed', value: 'S', description: 'seed of the simulation, for repeatable runs' },
      { name: 'legacy', description: 'answer in the older response shapes' },
    ],
  },
  {
    name: 'mcp',
    summary: 'serve AI assistants over MCP (stdio): their tasks join your history and budget',
    options: [...DESK],
  },
  {
    name: 'completion',
    args: 'bash|zsh|fish',
    summary: 'print a shell completion script',
    options: [],
    more: `Install:
  bash  webrun-desk completion bash > ~/.local/share/bash-completion/completions/webrun-desk
  zsh   webrun-desk completion zsh > "\${fpath[1]}/_webrun-desk"
  fish  webrun-desk completion fish > ~/.config/fish/completions/webrun-desk.fish`,
  },
  {
    name: 'version',
    summary: 'print the version (also --version, -v)',
    options: [],
  },
];

/** The usage line of one command, as its help and its errors print it. */
export function usageLine(spec: CommandSpec): string {
  return `webrun-desk ${spec.name}${spec.args ? ` ${spec.args}` : ''}${spec.options.length ? ' [options]' : ''}`;
}
