// Where a process spent its CPU, from the .cpuprofile that `node --cpu-prof` writes, told by
// source file: the CLI runs from a minified bundle, so its frames are mapped back through the
// bundle's source maps (node:module's SourceMap) to src-main/… and to each npm package.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A source path as a reader names it: `src-main/core/desk.ts`, `socket.io`, `node internals`. */
function place(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  const own = /(src-main\/.*)$/.exec(source);
  return own ? own[1]! : source;
}

function sourceMapFor(url: string, cache: Map<string, SourceMap | null>): SourceMap | null {
  if (!cache.has(url)) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {
      // No map beside it (a dependency outside the bundle): its own path names it.
    }
    cache.set(url, map);
  }
  return cache.get(url)!;
}

/** Self time (ms) by source, largest first: the `top` largest, and the total sampled. */
export function selfTimeBySource(
  profilePath: string,
  top = 8,
): { totalMs: number; sources: { source: string; ms: number }[] } {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Profile;
  const maps = new Map<string, SourceMap | null>();
  const nodeSource = new Map<number, string>();
  for (const { id, callFrame: f } of profile.nodes) {
    let source: string;
    if (f.url.startsWith('file:')) {
      const path = fileURLToPath(f.url);
      const map = sourceMapFor(f.url, maps);
      const entry = map?.findEntry(f.lineNumber, f.columnNumber);
      const original = entry && 'originalSource' in entry ? entry.originalSource : null;
      // esbuild's own glue (its CommonJS wrappers) maps to no source.
      if (original) source = place(original);
      else source = map ? `${relative(process.cwd(), path)} (glue)` : place(path);
    } else if (f.url === '' && f.functionName.startsWith('(')) {
      source = f.functionName; // (program), (garbage collector), (idle)
    } else source = 'node internals';
    nodeSource.set(id, source);
  }
  const bySource = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const source = nodeSource.get(id) ?? '?';
    if (source === '(idle)') return; // waiting, not working
    const ms = (profile.timeDeltas[i] ?? 0) / 1_000;
    totalMs += ms;
    bySource.set(source, (bySource.get(source) ?? 0) + ms);
  });
  const sources = [...bySource]
    .map(([source, ms]) => ({ source, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
  return { totalMs, sources };
}
