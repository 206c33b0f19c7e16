// Template placeholders, {{name}}: a template's prompt or URL may leave blanks to fill for each
// run. A task is never sent with a blank left in it (that would be billed for nonsense).
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The distinct placeholder names in these texts, in the order they first appear. */
export function placeholdersOf(...texts: string[]): string[] {
  const names: string[] = [];
  for (const text of texts)
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      if (!names.includes(name)) names.push(name);
    }
  return names;
}

/** The text with every {{name}} replaced by its value (values are taken as typed, trimmed). */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]!.trim() : whole,
  );
}

/** A sentence for the composer when blanks are left, or null when there are none. */
export function unfilledProblem(prompt: string, startingUrl: string): string | null {
  const names = placeholdersOf(prompt, startingUrl);
  if (names.length === 0) return null;
  const list = names.map((n) => `{{${n}}}`).join(', ');
  return `Fill in ${list} before running: replace ${names.length === 1 ? 'it' : 'each'} with what this task is about.`;
}
