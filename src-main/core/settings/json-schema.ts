// JSON Schema, compiled by ajv through the MCP SDK's provider (a dependency already, and the
// validator MCP tools are held to): whether a saved template's or a watch's schema check can
// be compiled at all, and the compiled validator a completed run's output is held to.
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation';

const validator = new AjvJsonSchemaValidator();
/** Compiled schemas by their text: compiling costs milliseconds, a watch reuses one schema. */
const compiled = new Map<string, (input: unknown) => { valid: boolean; errorMessage?: string }>();
const MAX_COMPILED = 200;

export function validatorFor(schema: Record<string, unknown>) {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = validator.getValidator(schema as JsonSchemaType);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, validate);
  }
  return validate;
}

/** Why ajv cannot compile this JSON Schema ({"type":"nope"}), or null when it can. */
export function schemaProblem(schema: Record<string, unknown>): string | null {
  try {
    validatorFor(schema);
    return null;
  } catch (error) {
    return `The check's JSON Schema is not valid: ${(error as Error).message}`;
  }
}
