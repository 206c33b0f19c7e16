// The store's refusal (an edited migration, a database from a newer app, a file it cannot
// open), in a module of its own with no imports, so the CLI can recognise one without loading
// SQLite: its --help path must stay small (cli/main.ts).
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}
