// `webrun-desk completion bash|zsh|fish`: completion scripts made from the same specs as the
// parser, so every command and flag the parser takes is offered, and nothing else.
import { UsageError } from './args';
import { COMMAND_SPECS } from './specs';

const flagsOf = (name: string): string[] =>
  (COMMAND_SPECS.find((s) => s.name === name)?.options ?? []).map((o) => `--${o.name}`);

const names = COMMAND_SPECS.map((s) => s.name);

function bash(): string {
  const cases = COMMAND_SPECS.filter((s) => s.options.length > 0)
    .map((s) => `    ${s.name}) flags="${flagsOf(s.name).join(' ')} --help" ;;`)
    .join('\n');
  return `# webrun-desk completion for bash: source it, or save it as
# ~/.local/share/bash-completion/completions/webrun-desk
_webrun_desk() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" flags=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names.join(' ')} help --help --version" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _webrun_desk webrun-desk
`;
}

const zshQuote = (text: string): string => text.replace(/'/g, `'\\''`).replace(/:/g, '\\:');

function zsh(): string {
  const commands = COMMAND_SPECS.map((s) => `    '${s.name}:${zshQuote(s.summary)}'`).join('\n');
  const cases = COMMAND_SPECS.filter((s) => s.options.length > 0)
    .map(
      (s) =>
        `    ${s.name}) _arguments ${s.options
          .map(
            (o) =>
              `'${o.multiple ? '*' : ''}--${o.name}[${zshQuote(o.description).replace(/[[\]]/g, '')}]${o.value ? `:${o.value.toLowerCase()}:_files` : ''}'`,
          )
          .join(' ')} '*:file:_files' ;;`,
    )
    .join('\n');
  return `#compdef webrun-desk
# webrun-desk completion for zsh: save it as _webrun-desk in a folder of your $fpath.
_webrun_desk() {
  local -a commands
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case $words[1] in
${cases}
    completion) _values 'shell' bash zsh fish ;;
  esac
}
compdef _webrun_desk webrun-desk
`;
}

const fishQuote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(): string {
  const lines = [
    '# webrun-desk completion for fish: save it as ~/.config/fish/completions/webrun-desk.fish',
    'complete -c webrun-desk -f',
  ];
  for (const s of COMMAND_SPECS) {
    lines.push(
      `complete -c webrun-desk -n __fish_use_subcommand -a ${s.name} -d ${fishQuote(s.summary)}`,
    );
    for (const o of s.options)
      lines.push(
        `complete -c webrun-desk -n '__fish_seen_subcommand_from ${s.name}' -l ${o.name}${o.value ? ' -r -F' : ''} -d ${fishQuote(o.description)}`,
      );
  }
  lines.push(
    `complete -c webrun-desk -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'`,
  );
  return `${lines.join('\n')}\n`;
}

const SCRIPTS: Record<string, () => string> = { bash, zsh, fish };

export function completionScript(args: string[]): string {
  const [shell, ...rest] = args;
  const make = shell !== undefined && rest.length === 0 ? SCRIPTS[shell] : undefined;
  if (!make)
    throw new UsageError(
      `completion needs one shell: bash, zsh or fish${shell ? `, not "${args.join(' ')}"` : ''}`,
    );
  return make();
}
