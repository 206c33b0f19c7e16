// Every command's usage text, in one dependency-free module: `webrun-desk --help` and
// `<command> --help` print these without loading any command (main.ts imports a command's
// module only when it runs), so help starts as fast as Node itself. Each usage's first line is
// "synopsis    summary", which the --help overview aligns in two columns.
import { TASK_STATUSES } from '../contract/task-status';

/** The options every WebRun-facing command takes (cli-desk.ts parses them). */
const DESK_USAGE = `    --db PATH         history database
    --base-url URL    WebRun's address (default $WEBRUN_BASE_URL or https://connect.webrun.ai)`;

/** The filters `history` and `export` share (history-filter.ts parses them). */
const FILTER_USAGE = `    --status S,S      only these statuses (${TASK_STATUSES.join(', ')})
    --text Q          full-text search over prompts, answers and visited URLs
    --tag T, --session ID   only this tag or session
    --from DAY, --to DAY    only tasks created in these days (2026-11-28)
    --db PATH         history database`;

export const RUN_USAGE = `webrun-desk run "<prompt>" [options]    run one task and wait for its end
    --starting-url URL    open this page first
    --output-type T       text (default), structured_json or structured_csv
    --schema FILE         JSON Schema (structured_json) or a JSON list of columns (structured_csv)
    --max-duration MS     WebRun's limit for the task, 1000 to 300000
    --cost-cap USD        stop the task when its running cost reaches this
    --session ID          run as a follow-up inside this open session
    --env ID              run in this WebRun environment (stays logged in; see webrun-desk env)
    --answer TEXT         answer for the agent's question when no terminal can ask
    --no-wait             return once the task is submitted (follow it with resume)
    --json                print the task as one JSON object when it ends
    --db PATH             history database
    --base-url URL        WebRun's address (default $WEBRUN_BASE_URL or https://connect.webrun.ai)`;

export const RESUME_USAGE = `webrun-desk resume [--json]    pick up interrupted tasks and batches and wait for them
    --json            print the tasks as one JSON array when they end
${DESK_USAGE}`;

export const BATCH_USAGE = `webrun-desk batch FILE --template "…{{column}}…"    one task template over every row of a CSV or JSON file
    --template TEXT       the prompt, e.g. "Find the price of {{product}} on {{shop}}"
    --starting-url URL    may use {{column}} too, e.g. "https://{{shop}}"
    --output-type T       text (default), structured_json or structured_csv
    --schema FILE         the output schema (its descriptions may use {{column}})
    --concurrency N       rows at once (default 5)
    --budget USD          for the whole batch: no new row is sent once it would be exceeded
    --cost-cap USD        per row
    --env ID              WebRun environment for every row
    --dry-run             print the rendered prompts and the estimate; send nothing
    --out FILE            write the results table (.csv or .json)
    --json                print {batchId, counts, rows} when it ends
    --db PATH             history database
    --base-url URL        WebRun's address
  Exit codes: 0 every row completed, 1 any failed or was stopped, 4 any unknown,
  2 bad usage (also a template naming a column the file does not have).`;

export const BATCHES_USAGE = `webrun-desk batches [--json]    list batches with their counts and spend
    --json            print them as one JSON array
    --db PATH         history database`;

export const BATCH_STATUS_USAGE = `webrun-desk batch-status ID [--json]    one batch's progress and its rows
    --json            print {batchId, counts, rows, state, reason, spent, budget}
    --db PATH         history database`;

export const HISTORY_USAGE = `webrun-desk history [filters] [--limit N] [--json]    list tasks, newest first
${FILTER_USAGE}
    --limit N         at most N tasks (default 50)
    --json            print them as one JSON array`;

export const SPEND_USAGE = `webrun-desk spend [--days N] [--json] [--db PATH]    spend against the budget
    --days N          days of spend by day to include (default 30)
    --json            print the summary as one JSON object
    --db PATH         history database`;

export const EXPORT_USAGE = `webrun-desk export --format csv|json [options]    export the history (secrets in URLs redacted)
    --format F        csv or json
    --out FILE        write to this file (default: stdout)
${FILTER_USAGE}`;

export const CHECK_USAGE = `webrun-desk check [--json] [--db PATH]    check the history database's integrity now
    --json            print the result as one JSON object
    --db PATH         history database`;

export const SESSIONS_USAGE = `webrun-desk sessions [--terminate-stray] [--json]    list open sessions
    --terminate-stray close the sessions a crash left open
    --json            print them as JSON
${DESK_USAGE}`;

export const ENV_USAGE = `webrun-desk env list|create|upload|delete    WebRun environments (stay logged in)
    env list [--json]                          the environments, with status, size and last use
    env create NAME [--description TEXT] [--json]
    env upload ID FILE.tar.gz                  upload a Chrome profile archive (.tar.gz or .tgz, up to 500 MB)
    env delete ID
${DESK_USAGE}`;

export const TRIGGERS_USAGE = `webrun-desk triggers list|create|pause|resume|run|delete|runs    WebRun triggers (scheduled tasks)
    triggers list [--json]
    triggers create --name NAME --env ID --prompt TEXT (--at ISO | --every 30m | --cron "EXPR")
                    [--timezone TZ] [--starting-url URL] [--json]
    triggers pause|resume|run|delete ID
    triggers runs ID [--json]                  its runs, newest first, with their cost
${DESK_USAGE}`;

export const IMPORT_RUNS_USAGE = `webrun-desk import-runs [--json]    import trigger runs into the history now
    --json            print {imported, failed} as JSON
${DESK_USAGE}`;

export const SERVE_USAGE = `webrun-desk serve [--port N]    serve the app in browser mode on 127.0.0.1
    --port N          port to listen on (default: a free one)
    --allow-origin O  also accept API calls from this origin (a dev server)
${DESK_USAGE}`;

export const SANDBOX_USAGE = `webrun-desk sandbox [options]    start the local WebRun-compatible sandbox alone
    --port N          port to listen on (default: a free one)
    --time-scale X    speed of simulated tasks (0.01 = a hundred times real time)
    --seed S          seed of the simulation, for repeatable runs
    --legacy          answer in the older response shapes`;

export const MCP_USAGE = `webrun-desk mcp    serve AI assistants over MCP (stdio): their tasks join your history and budget
${DESK_USAGE}`;
