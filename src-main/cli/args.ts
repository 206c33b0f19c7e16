// Argument parsing for the CLI. A bad argument is a UsageError: one sentence and the
// command's usage line, exit code 2.

export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage line printed under the sentence; main.ts fills in the command's own. */
    public usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs node's parseArgs, turning its complaint into a one-line UsageError. */
export function usageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const lines = (error as Error).message.split('\n');
    // "argument is ambiguous" (a value starting with a dash) is only clear with its last line.
    throw new UsageError(
      /ambiguous/.test(lines[0]!) && lines.length > 2
        ? `${lines[0]} ${lines[lines.length - 1]}`
        : lines[0]!,
    );
  }
}

export function intOption(
  value: string | undefined,
  name: string,
  { min, max }: { min: number; max: number },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  return n;
}

export function numberOption(
  value: string | undefined,
  name: string,
  { min, max }: { min: number; max: number },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, not "${value}".`);
  return n;
}

/** WebRun's address from --base-url: only http(s), so a typo never becomes a request elsewhere. */
export function baseUrlOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value))
    throw new UsageError('--base-url must be an http(s) URL');
  return value;
}

/** True when the arguments ask for help (before any `--`, after which everything is data). */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
