// The simulated agent's answer (data.message) in the three documented output types
// (webrun-api.md §5.1, §5.4): markdown text, a JSON *string* shaped by outputSchema, or CSV text
// with a header row. Structured answers are plausible, schema-shaped samples, not real data.
import { type Rng, intBetween, pick } from './random.ts';

export type OutputType = 'text' | 'structured_json' | 'structured_csv';

export interface MessageContext {
  task: string;
  query: string;
  startUrl: string;
  pages: number;
  keywords: string[];
}

const NOUNS = ['Alpha', 'Nova', 'Summit', 'Orbit', 'Harbor', 'Vertex', 'Cedar', 'Atlas'];

export function resultMessage(
  outputType: OutputType,
  schema: unknown,
  rng: Rng,
  context: MessageContext,
): string {
  if (outputType === 'structured_json')
    return JSON.stringify(sampleFromSchema(schema, rng, context, 0));
  if (outputType === 'structured_csv') return sampleCsv(schema, rng, context);
  const bullets = [0, 1, 2].map(
    (i) =>
      `- ${pick(rng, NOUNS)} ${context.keywords[i % context.keywords.length] ?? 'result'}: ${intBetween(rng, 2, 99)} matches`,
  );
  return [
    `Completed: ${context.task}`,
    '',
    `Visited ${context.pages} pages starting at ${context.startUrl} while looking for "${context.query}".`,
    '',
    ...bullets,
  ].join('\n');
}

function sampleFromSchema(
  schema: unknown,
  rng: Rng,
  context: MessageContext,
  depth: number,
): unknown {
  const node = (schema && typeof schema === 'object' ? schema : {}) as Record<string, unknown>;
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (depth > 6) return null;
  switch (type) {
    case 'object': {
      const properties = (
        node.properties && typeof node.properties === 'object' ? node.properties : {}
      ) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(properties))
        out[key] = sampleFromSchema(child, rng, context, depth + 1);
      return out;
    }
    case 'array':
      return [0, 1, 2].map(() => sampleFromSchema(node.items, rng, context, depth + 1));
    case 'number':
      return Math.round(rng() * 10_000) / 100;
    case 'integer':
      return intBetween(rng, 1, 500);
    case 'boolean':
      return rng() < 0.5;
    case 'string':
      return `${pick(rng, NOUNS)} ${context.keywords[0] ?? 'item'}`;
    default:
      // No schema (or an unknown type): a small summary object is still valid JSON output.
      return depth === 0 ? { summary: `Completed: ${context.task}`, pages: context.pages } : null;
  }
}

function sampleCsv(schema: unknown, rng: Rng, context: MessageContext): string {
  const columns =
    Array.isArray(schema) && schema.every((c) => typeof c === 'string') && schema.length > 0
      ? (schema as string[])
      : ['name', 'value'];
  const rows = [0, 1, 2].map(() =>
    columns
      .map((_, i) =>
        i === 0
          ? `${pick(rng, NOUNS)} ${context.keywords[0] ?? 'item'}`
          : String(intBetween(rng, 1, 999)),
      )
      .join(','),
  );
  return [columns.join(','), ...rows].join('\n');
}

/** Deterministic content for a file the simulated agent "downloaded". */
export function fileContent(rng: Rng, context: MessageContext, index: number): string {
  const lines = ['rank,title,source'];
  const count = intBetween(rng, 3, 8);
  for (let i = 1; i <= count; i++) {
    lines.push(
      `${i},${pick(rng, NOUNS)} ${context.keywords[(i + index) % Math.max(1, context.keywords.length)] ?? 'item'},${context.startUrl}`,
    );
  }
  return lines.join('\n') + '\n';
}
