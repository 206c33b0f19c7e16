// The import rule of src-main, checked (npm run lint runs it): imports only go down.
//
// - The core's modules stand in LAYERS, lowest first; a module imports only from its own folder
//   and from modules in lower layers (never from one beside it or above it). The core's loose
//   files (desk.ts, wire-desk.ts and what they alone use: the composition root) stand above
//   every module, and may import each other.
// - The sandbox (a WebRun stand-in) imports nothing of src-main but the contract; the contract
//   imports nothing else of src-main; the core never imports a host (electron, web, cli, mcp)
//   or the renderer. (ESLint keeps `electron` in the Electron host and the renderer on the
//   contract: eslint.config.js.)
//
// `node scripts/check-layers.mjs` fails with each import that breaks the rule;
// `node scripts/check-layers.mjs --report` also prints the core's rooms (modules and loose
// files), arrows (room → room imports), arrows running back up and circles.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The core's modules, lowest first; a module may import only from the layers below its own. */
export const LAYERS = [
  ['webrun', 'shared-sandbox'],
  ['store'],
  ['secrets'],
  ['settings'],
  ['sessions', 'mcp-approvals'],
  ['tasks'],
  ['history', 'files'],
  ['budget'],
  ['money'],
  ['runner'],
  ['integrity', 'environments', 'triggers', 'batches'],
  ['watches'],
  ['processes'],
];

const SOURCE = /\.(ts|tsx|mts|mjs|js|cjs)$/;
const IMPORT =
  /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])import\s+['"]([^'"]+)['"]/gm;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** Import specifiers of a source text (comments dropped first, so an example in one is not one). */
export function importsOf(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function resolveFile(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return base;
}

/** Where a path of the tree stands: its area of src-main, and in the core its room. */
export function placeOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'src-renderer') return { area: 'renderer' };
  if (parts[0] !== 'src-main') return { area: 'outside' };
  const area = parts[1];
  if (area !== 'core') return { area };
  if (parts.length === 3) return { area, room: parts[2], layer: LAYERS.length, root: true };
  const layer = LAYERS.findIndex((names) => names.includes(parts[2]));
  return { area, room: `${parts[2]}/`, layer, root: false };
}

const HOSTS = new Set(['electron', 'web', 'cli', 'mcp']);

/** Why `from` may not import `to` (both repo-relative paths), or null when it may. */
export function refusal(from, to) {
  const a = placeOf(from);
  const b = placeOf(to);
  if (a.area === 'sandbox' && !['sandbox', 'contract'].includes(b.area))
    return 'the sandbox imports only the contract from src-main';
  if (a.area === 'contract' && b.area !== 'contract' && b.area !== 'outside')
    return 'the contract imports nothing else of src-main';
  if (a.area !== 'core') return null;
  if (HOSTS.has(b.area) || b.area === 'renderer')
    return `the core never imports a host or the renderer (${b.area})`;
  if (b.area !== 'core' || a.room === b.room || (a.root && b.root)) return null;
  if (a.layer === -1) return `${a.room} is in no layer of scripts/check-layers.mjs`;
  if (b.layer === -1) return `${b.room} is in no layer of scripts/check-layers.mjs`;
  if (b.layer >= a.layer)
    return b.layer === a.layer
      ? `${b.room} stands beside ${a.room}, not below it`
      : `${b.room} stands above ${a.room}`;
  return null;
}

/** Every relative import of the tree's src-main, as repo-relative path pairs. */
export function importsOfTree(root) {
  const arrows = [];
  for (const file of walk(join(root, 'src-main'))) {
    const from = relative(root, file).split(sep).join('/');
    for (const spec of importsOf(readFileSync(file, 'utf8')))
      if (spec.startsWith('.'))
        arrows.push({ from, to: relative(root, resolveFile(file, spec)).split(sep).join('/') });
  }
  return { arrows };
}

/** The imports that break the rule, each with its reason. */
export function violations({ arrows }) {
  const found = [];
  for (const { from, to } of arrows) {
    const why = refusal(from, to);
    if (why) found.push({ from, to, why });
  }
  return found;
}

/** The core's rooms and the arrows between them, with those running back up and the circles. */
export function coreStructure({ arrows }) {
  const rooms = new Set();
  const edges = new Map();
  for (const { from, to } of arrows) {
    const a = placeOf(from);
    const b = placeOf(to);
    if (a.area !== 'core') continue;
    rooms.add(a.room);
    if (b.area !== 'core') continue;
    rooms.add(b.room);
    if (a.room === b.room) continue;
    const key = `${a.room} -> ${b.room}`;
    edges.set(key, { from: a, to: b, key });
  }
  const backUp = [...edges.values()].filter(
    (e) => e.to.layer >= e.from.layer && !(e.from.root && e.to.root),
  );
  return {
    rooms: [...rooms].sort(),
    arrows: [...edges.keys()].sort(),
    backUp,
    circles: circles(edges),
  };
}

/** Rooms that import each other in a loop (Tarjan's strongly connected components). */
function circles(edges) {
  const next = new Map();
  for (const { from, to } of edges.values()) {
    if (!next.has(from.room)) next.set(from.room, []);
    next.get(from.room).push(to.room);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  let counter = 0;
  const visit = (room) => {
    index.set(room, counter);
    low.set(room, counter++);
    stack.push(room);
    on.add(room);
    for (const to of next.get(room) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(room, Math.min(low.get(room), low.get(to)));
      } else if (on.has(to)) low.set(room, Math.min(low.get(room), index.get(to)));
    }
    if (low.get(room) !== index.get(room)) return;
    const members = [];
    for (let top = stack.pop(); ; top = stack.pop()) {
      on.delete(top);
      members.push(top);
      if (top === room) break;
    }
    if (members.length > 1) found.push(members.sort());
  };
  for (const room of next.keys()) if (!index.has(room)) visit(room);
  return found;
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const tree = importsOfTree(root);
  const found = violations(tree);
  if (process.argv.includes('--report')) {
    const s = coreStructure(tree);
    console.log(
      `src-main/core: ${s.rooms.length} rooms, ${s.arrows.length} arrows, ` +
        `${s.backUp.length} running back up, ${s.circles.length} circles`,
    );
    for (const arrow of s.arrows) console.log(`  ${arrow}`);
    for (const circle of s.circles) console.log(`  circle: ${circle.join(', ')}`);
  }
  for (const v of found) console.error(`${v.from}: imports ${v.to}: ${v.why}`);
  if (found.length > 0) {
    console.error(`${found.length} import(s) break the layering (scripts/check-layers.mjs).`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
