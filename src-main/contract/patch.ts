// A patch of a settings object: every field optional and checked as the object checks it, but
// with no default, so a patch holds only what it names. Zod 4 fills a `.default()` even inside
// `.partial()`, and a partial patch then reset every field it left out (the queue's pause, the
// other budget cap, an assistant's required approval).
import { z } from './zod';

type Field<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<Field<S[K]>> };

export function patchOf<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
): z.ZodObject<PatchShape<S>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner =
      field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodObject<PatchShape<S>, z.core.$strict>;
}
