// The command line's grammar, read by commander from the specs (specs.ts): help, --version,
// "did you mean" for commands and flags, and every parse error as one sentence plus the
// command's usage line (exit code 2). What a command receives is the same argument list it
// always parsed, written out plainly (`--flag=value`, then `--` and the operands), so no value
// that starts with a dash can be mistaken for a flag again.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './args';
import { ENVIRONMENT_HELP } from './help-text';
import { COMMAND_SPECS, usageLine, type CommandSpec } from './specs';

export type ParseOutcome =
  | { kind: 'run'; spec: CommandSpec; argv: string[] }
  /** Help or the version was printed: nothing else to do. */
  | { kind: 'done' };

export function version(): string {
  try {
    // From out/cli/main.mjs and from src-main/cli alike, the package is two folders up.
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The argument list a command's own parser reads: flags as `--name=value`, then the operands. */
function plainArgv(command: Command): string[] {
  const flags: string[] = [];
  for (const option of command.options) {
    const key = option.attributeName();
    if (command.getOptionValueSource(key) !== 'cli' || !option.long) continue;
    const value: unknown = command.getOptionValue(key);
    if (option.negate || typeof value === 'boolean') flags.push(option.long);
    else if (Array.isArray(value)) for (const v of value) flags.push(`${option.long}=${v}`);
    else flags.push(`${option.long}=${String(value)}`);
  }
  return command.args.length > 0 ? [...flags, '--', ...command.args] : flags;
}

function optionOf(spec: CommandSpec['options'][number]): Option {
  const option = new Option(
    `--${spec.name}${spec.value ? ` <${spec.value}>` : ''}`,
    spec.description,
  );
  if (spec.multiple)
    option.argParser((value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      value,
    ]);
  return option;
}

function quoted(message: string): string | undefined {
  return /'([^']*)'/.exec(message)?.[1];
}

/** Commander's complaint as one sentence of ours, with its suggestion kept. */
function sentence(error: CommanderError, spec: CommandSpec | undefined): string {
  const suggestion = /\(Did you mean (.+)\?\)/.exec(error.message)?.[1];
  const name = quoted(error.message) ?? '';
  const help = spec ? `webrun-desk ${spec.name} --help` : 'webrun-desk --help';
  switch (error.code) {
    case 'commander.unknownCommand':
      return `unknown command "${name}"; ${suggestion ? `did you mean "${suggestion}"?` : `see ${help}.`}`;
    case 'commander.unknownOption':
      if (!name.startsWith('--'))
        return `unknown option "${name}": text that starts with a dash goes after --, as in webrun-desk run -- "${name}".`;
      return `unknown option ${name}${spec ? ` for ${spec.name}` : ''}; ${suggestion ? `did you mean ${suggestion}?` : `see ${help}.`}`;
    case 'commander.optionMissingArgument':
      return `${name.split(' ')[0]} needs a value (${name.replace(/[<>]/g, '')}).`;
    case 'commander.excessArguments':
      return `${spec?.name ?? 'this command'} takes no arguments; see ${help}.`;
    default:
      return error.message.replace(/^error: /, '').split('\n')[0]!;
  }
}

export function buildProgram(write: (text: string) => void): {
  program: Command;
  chosen: () => ParseOutcome | null;
} {
  let chosen: ParseOutcome | null = null;
  const program = new Command('webrun-desk')
    .description('run WebRun browser-agent tasks and keep their history')
    .version(version(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: write, writeErr: () => {}, outputError: () => {} })
    .exitOverride()
    .addHelpText('after', `\n${ENVIRONMENT_HELP}`)
    // The command list shows each command's arguments as its own usage line does.
    .configureHelp({
      subcommandTerm: (command) => {
        const spec = COMMAND_SPECS.find((s) => s.name === command.name());
        return spec?.args ? `${spec.name} ${spec.args}` : command.name();
      },
    });
  for (const spec of COMMAND_SPECS) {
    const command = program
      .command(spec.name)
      .description(spec.summary)
      .usage(`${spec.args ? `${spec.args} ` : ''}${spec.options.length ? '[options]' : ''}`.trim());
    if (spec.args) command.argument('[args...]');
    for (const option of spec.options) command.addOption(optionOf(option));
    if (spec.more) command.addHelpText('after', `\n${spec.more}`);
    command.action(() => {
      if (spec.name === 'version') {
        write(`${version()}\n`);
        chosen = { kind: 'done' };
      } else chosen = { kind: 'run', spec, argv: plainArgv(command) };
    });
  }
  return { program, chosen: () => chosen };
}

/** Parses the command line: what to run, or `done` once help or the version was printed. */
export function parseCommandLine(argv: string[], write: (text: string) => void): ParseOutcome {
  const { program, chosen } = buildProgram(write);
  if (argv.length === 0) {
    write(program.helpInformation());
    return { kind: 'done' };
  }
  const spec = COMMAND_SPECS.find((s) => s.name === argv[0]);
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code))
      return { kind: 'done' };
    throw new UsageError(
      sentence(error, spec),
      spec ? usageLine(spec) : 'webrun-desk <command> [options]',
    );
  }
  return chosen() ?? { kind: 'done' };
}
