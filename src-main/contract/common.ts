// Small shapes several domains answer with.
import { z } from './zod';

/** A method that takes nothing. */
export const None = z.strictObject({});
/** A method whose only answer is that it worked. */
export const Ok = z.object({ ok: z.literal(true) });
/** The items of a bulk action that did not work, each with its reason. */
export const Failures = z.array(z.object({ id: z.string(), message: z.string() }));

/** One method's shapes: what it takes and what it answers. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}
