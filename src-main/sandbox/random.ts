// Seeded randomness for the simulation (same seed + prompt => same plan) and unguessable ids
// for sessions, tasks and files (ids are not part of the determinism promise).
import { randomBytes } from 'node:crypto';

/** FNV-1a: a small, stable 32-bit string hash; stable across Node versions, unlike anything built in. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Rng = () => number;

/** mulberry32: tiny PRNG with good enough spread for narrative choices. Returns [0, 1). */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

/** Short base-36 id from the rng, like the "tevo9" network entry ids in the docs. */
export function rngId(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 36).toString(36);
  return out;
}

/** Hex id like the documented session ids ("a1b2c3d4e5f6"). */
export function hexId(bytes = 6): string {
  return randomBytes(bytes).toString('hex');
}

/** Lower-case alphanumeric id like the documented task ids ("x9y8z7w6v5u4"). */
export function alnumId(length = 12): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += (byte % 36).toString(36);
  return out;
}
