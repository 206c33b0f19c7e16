// The checks a completed run is held to, and its verdict: pass only when every check could be
// applied and passed; fail when any failed; unverified when there is no check, or one could not
// be applied (the output could not be read, the path is not there for a number rule). Never a
// silent pass. JSON Schema validation is ajv's (settings/json-schema.ts).
import { formatUsd } from '../../contract/money-format';
import type { CheckResult, RunVerdict, WatchCheck } from '../../contract/watches';
import { validatorFor } from '../settings/json-schema';
import { parsePath, valuesAt, type Leaf } from './key-paths';
import { MAX_MATCH_CHARS } from './limits';
import { asValue, readOutput, type RunOutput, type RunSnapshot } from './run-output';

const show = (value: unknown): string => {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'nothing');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

export function describeCheck(check: WatchCheck): string {
  switch (check.kind) {
    case 'schema':
      return 'output matches its JSON Schema';
    case 'number':
      if (check.min !== null && check.max !== null)
        return `${check.path} between ${check.min} and ${check.max}`;
      if (check.min !== null) return `${check.path} at least ${check.min}`;
      if (check.max !== null) return `${check.path} at most ${check.max}`;
      return `${check.path} is a number`;
    case 'pattern':
      return `${check.path} matches /${check.pattern}/`;
    case 'length':
      if (check.atLeast !== null && check.atMost !== null)
        return `${check.path} has ${check.atLeast} to ${check.atMost} items`;
      if (check.atLeast !== null) return `${check.path} has at least ${check.atLeast} items`;
      if (check.atMost !== null) return `${check.path} has at most ${check.atMost} items`;
      return `${check.path} is a list`;
    case 'present':
      return `${check.path} is present`;
    case 'domains':
      return `visits only ${check.allow.join(', ')}`;
    case 'cost':
      return `costs at most ${formatUsd(check.atMost)}`;
  }
}

type Outcome = Omit<CheckResult, 'check'>;
const pass = (detail: string): Outcome => ({ outcome: 'pass', detail });
const fail = (detail: string): Outcome => ({ outcome: 'fail', detail });
const unverified = (detail: string): Outcome => ({ outcome: 'unverified', detail });

/** Applies a rule to every value its path names: all must pass; none there is unverified. */
function onEach(
  output: RunOutput,
  path: string,
  rule: (leaf: Leaf) => Outcome,
  missing: () => Outcome = () => unverified(`${path} is not in the output.`),
): Outcome {
  if (output.kind === 'unreadable') return unverified(output.reason);
  if (output.kind === 'text') return unverified('Key-path rules apply to structured output only.');
  let leaves: Leaf[];
  try {
    leaves = valuesAt(asValue(output), parsePath(path));
  } catch (error) {
    return unverified((error as Error).message);
  }
  if (leaves.length === 0) return missing();
  const outcomes = leaves.map(rule);
  return (
    outcomes.find((o) => o.outcome === 'fail') ??
    outcomes.find((o) => o.outcome === 'unverified') ??
    pass(outcomes.length === 1 ? outcomes[0]!.detail : `${outcomes.length} values pass.`)
  );
}

const where = (leaf: Leaf): string => leaf.path || 'the output';

function numberRule(check: Extract<WatchCheck, { kind: 'number' }>, leaf: Leaf): Outcome {
  const n =
    typeof leaf.value === 'number'
      ? leaf.value
      : typeof leaf.value === 'string' && leaf.value.trim() !== ''
        ? Number(leaf.value.replace(/[,\s]/g, ''))
        : NaN;
  if (!Number.isFinite(n)) return fail(`${where(leaf)} is ${show(leaf.value)}, not a number.`);
  if (check.min !== null && n < check.min)
    return fail(`${where(leaf)} is ${n}, below ${check.min}.`);
  if (check.max !== null && n > check.max)
    return fail(`${where(leaf)} is ${n}, above ${check.max}.`);
  return pass(`${where(leaf)} is ${n}.`);
}

function lengthRule(check: Extract<WatchCheck, { kind: 'length' }>, leaf: Leaf): Outcome {
  if (!Array.isArray(leaf.value)) return fail(`${where(leaf)} is ${show(leaf.value)}, not a list.`);
  const n = leaf.value.length;
  if (check.atLeast !== null && n < check.atLeast)
    return fail(`${where(leaf)} has ${n} items, fewer than ${check.atLeast}.`);
  if (check.atMost !== null && n > check.atMost)
    return fail(`${where(leaf)} has ${n} items, more than ${check.atMost}.`);
  return pass(`${where(leaf)} has ${n} items.`);
}

function hostAllowed(host: string, allow: readonly string[]): boolean {
  return allow.some((domain) => {
    const bare = domain.replace(/^\*\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

function applyCheck(check: WatchCheck, run: RunSnapshot, output: RunOutput): Outcome {
  switch (check.kind) {
    case 'schema': {
      const schema = check.schema ?? run.outputSchema;
      if (!schema || typeof schema !== 'object' || Array.isArray(schema))
        return unverified('There is no JSON Schema to check the output against.');
      if (output.kind === 'unreadable') return unverified(output.reason);
      if (output.kind !== 'json')
        return unverified('Only structured JSON output has a JSON Schema.');
      try {
        const result = validatorFor(schema as Record<string, unknown>)(output.value);
        return result.valid
          ? pass('The output matches its schema.')
          : fail(`${result.errorMessage}`);
      } catch (error) {
        return unverified(`The JSON Schema cannot be used: ${(error as Error).message}`);
      }
    }
    case 'number':
      return onEach(output, check.path, (leaf) => numberRule(check, leaf));
    case 'pattern': {
      const re = new RegExp(check.pattern, 'u');
      return onEach(output, check.path, (leaf) => {
        if (leaf.value === null || typeof leaf.value === 'object')
          return fail(`${where(leaf)} is ${show(leaf.value)}, not text.`);
        const text = String(leaf.value).slice(0, MAX_MATCH_CHARS);
        return re.test(text)
          ? pass(`${where(leaf)} matches.`)
          : fail(`${where(leaf)} is ${show(leaf.value)}, which does not match.`);
      });
    }
    case 'length':
      return onEach(output, check.path, (leaf) => lengthRule(check, leaf));
    case 'present':
      return onEach(
        output,
        check.path,
        (leaf) => pass(`${where(leaf)} is present.`),
        () => fail(`${check.path} is missing from the output.`),
      );
    case 'domains': {
      if (run.hosts.length === 0) return unverified('The run recorded no visited URLs.');
      const outside = run.hosts.filter((host) => !hostAllowed(host, check.allow));
      return outside.length === 0
        ? pass(`All ${run.hosts.length} visited domains are allowed.`)
        : fail(
            `Visited outside the list: ${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ', …' : ''}.`,
          );
    }
    case 'cost':
      if (run.cost === null) return unverified('The run’s cost is not known.');
      return run.cost <= check.atMost
        ? pass(`Cost ${formatUsd(run.cost)}.`)
        : fail(`Cost ${formatUsd(run.cost)}, over ${formatUsd(check.atMost)}.`);
  }
}

/** The verdict of a completed run. */
export function verdictOf(checks: readonly WatchCheck[], run: RunSnapshot): RunVerdict {
  if (checks.length === 0)
    return {
      verdict: 'unverified',
      results: [
        { check: 'no checks', outcome: 'unverified', detail: 'No check applies to this run.' },
      ],
    };
  const output = readOutput(run);
  const results = checks.map((check) => ({
    check: describeCheck(check),
    ...applyCheck(check, run, output),
  }));
  const verdict = results.some((r) => r.outcome === 'fail')
    ? 'fail'
    : results.some((r) => r.outcome === 'unverified')
      ? 'unverified'
      : 'pass';
  return { verdict, results };
}
