// Types for bounded-step.mjs, so the TypeScript tests can call it.
export function bytesUnder(dir: string): number;
export function reasonFrom(output: string, pattern?: RegExp): string;
export function runBounded(step: {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  watch: string[];
  stallMs: number;
  limitMs: number;
  reasonLine?: RegExp;
  out?: NodeJS.WritableStream & { isTTY?: boolean };
}): Promise<{ ok: true } | { ok: false; reason: string }>;
