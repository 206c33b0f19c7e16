// The shape every subcommand's runner has, so main.ts can register each one with a single
// entry (its arguments and help are data in specs.ts). A runner gets its arguments as
// program.ts writes them out, and resolves the exit code, or null when it keeps running
// (serve, sandbox, mcp).

/** Progress lines go to stderr, so stdout carries only results. */
export type Progress = (line: string) => void;

export type CommandRunner = (argv: string[], progress: Progress) => Promise<number | null>;
