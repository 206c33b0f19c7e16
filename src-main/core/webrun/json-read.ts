// The readers every WebRun body goes through. They were copied into five modules and had
// drifted (one accepted a blank string as text, one did not): there is one copy now. None of
// them throws, whatever the value: bodies come from the network.

export type Rec = Record<string, unknown>;

const EMPTY: Rec = Object.freeze({}) as Rec;

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or a frozen empty one, so chains of reads never need a guard. */
export function record(value: unknown): Rec {
  return isRecord(value) ? value : EMPTY;
}

/** Own properties only, so an inherited `type` or `status` can never classify a body. */
export function own(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A string with something in it; a blank one says nothing, so it counts as absent. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A real number (not NaN or ±Infinity), or null for "not reported". */
export function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
