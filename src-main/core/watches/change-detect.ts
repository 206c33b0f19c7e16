// Change detection for a watch: of everything that differs between the previous run and this
// one, which changes are material. A change is material when its path is watched (a watched
// path covers what is below it; none watched means every path), is not ignored (by path, or
// because its old and new values both match an ignore pattern: timestamps, counters), and,
// for numbers, moves beyond the tolerance. Text output is compared whole, after the ignore
// patterns are blanked out of both sides and whitespace is evened. Pure and cheap: it runs on
// every completed run.
import type { ChangeSettings, ValueChange } from '../../contract/watches';
import { diffLeaves } from './compare-runs';
import { covers, parsePath, type PatternSegment, type Segment } from './key-paths';
import { asValue, readOutput, type RunOutput, type RunSnapshot } from './run-output';
import { MAX_MATCH_CHARS } from './limits';

export interface ChangeFinding {
  /** True when at least one change is material. */
  material: boolean;
  /** The material changes (for text: one change on the path "text"). */
  changes: ValueChange[];
  /** How many changes were noise (ignored or within tolerance). */
  noise: number;
  /** Set when the outputs could not be compared (one is unreadable, or of another kind). */
  unreadable: string | null;
}

interface Compiled {
  watch: PatternSegment[][];
  ignorePaths: PatternSegment[][];
  ignorePatterns: RegExp[];
  settings: ChangeSettings;
}

const cache = new WeakMap<ChangeSettings, Compiled>();

function compile(settings: ChangeSettings): Compiled {
  let c = cache.get(settings);
  if (!c) {
    c = {
      watch: settings.watch.map(parsePath),
      ignorePaths: settings.ignorePaths.map(parsePath),
      ignorePatterns: settings.ignorePatterns.map((p) => new RegExp(p, 'u')),
      settings,
    };
    cache.set(settings, c);
  }
  return c;
}

const asText = (v: unknown): string | null =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v).slice(0, MAX_MATCH_CHARS)
    : null;

function withinTolerance(before: unknown, after: unknown, s: ChangeSettings): boolean {
  if (typeof before !== 'number' || typeof after !== 'number') return false;
  const allowed = Math.max(s.tolerance, (Math.abs(before) * s.tolerancePercent) / 100);
  return Math.abs(after - before) <= allowed;
}

/** Whether one key-path change is material under the settings. */
export function isMaterial(
  change: ValueChange,
  segments: readonly Segment[],
  settings: ChangeSettings,
): boolean {
  const c = compile(settings);
  if (c.watch.length > 0 && !c.watch.some((w) => covers(w, segments))) return false;
  if (c.ignorePaths.some((p) => covers(p, segments))) return false;
  if (change.kind === 'changed') {
    const a = asText(change.before);
    const b = asText(change.after);
    if (a !== null && b !== null && c.ignorePatterns.some((re) => re.test(a) && re.test(b)))
      return false;
    if (withinTolerance(change.before, change.after, settings)) return false;
  }
  return true;
}

function blanked(text: string, patterns: RegExp[]): string {
  let out = text;
  for (const re of patterns) out = out.replace(new RegExp(re.source, 'gu'), '\u0000');
  return out.replace(/\s+/g, ' ').trim();
}

function textFinding(a: string, b: string, c: Compiled): ChangeFinding {
  if (a === b) return { material: false, changes: [], noise: 0, unreadable: null };
  const same = blanked(a, c.ignorePatterns) === blanked(b, c.ignorePatterns);
  return same
    ? { material: false, changes: [], noise: 1, unreadable: null }
    : {
        material: true,
        changes: [{ path: 'text', kind: 'changed', before: a, after: b }],
        noise: 0,
        unreadable: null,
      };
}

export function detectChange(
  before: RunSnapshot | RunOutput,
  after: RunSnapshot | RunOutput,
  settings: ChangeSettings,
): ChangeFinding {
  const a = 'kind' in before ? before : readOutput(before);
  const b = 'kind' in after ? after : readOutput(after);
  const c = compile(settings);
  if (a.kind === 'unreadable' || b.kind === 'unreadable')
    return {
      material: false,
      changes: [],
      noise: 0,
      unreadable:
        a.kind === 'unreadable'
          ? `Before: ${a.reason}`
          : `After: ${(b as { reason: string }).reason}`,
    };
  if (a.kind === 'text' && b.kind === 'text') return textFinding(a.text, b.text, c);
  if (a.kind === 'text' || b.kind === 'text')
    return {
      material: false,
      changes: [],
      noise: 0,
      unreadable: 'The runs have different output types.',
    };
  const all = diffLeaves(asValue(a), asValue(b));
  const changes = all
    .filter((d) => isMaterial(d.change, d.segments, settings))
    .map((d) => d.change);
  return {
    material: changes.length > 0,
    changes,
    noise: all.length - changes.length,
    unreadable: null,
  };
}
