// The shape every subcommand has, so main.ts can register each one with a single entry: its
// usage text (printed for `<command> --help` and in `webrun-desk --help`) and how to load its
// runner. A runner resolves the exit code, or null when it keeps running (serve, sandbox).

/** Progress lines go to stderr, so stdout carries only results. */
export type Progress = (line: string) => void;

export type CommandRunner = (argv: string[], progress: Progress) => Promise<number | null>;

export interface CliCommand {
  usage: string;
  /**
   * Imports the command's module only when it runs: help, and every other command, never
   * load what this one needs (SQLite, zod, socket.io, the MCP SDK).
   */
  load: () => Promise<CommandRunner>;
}
