// SQLite's failures that are about the disk or the file, not about the app: each gets a
// message a person can act on, instead of "failed unexpectedly". Import-free: the CLI's entry
// (what --help loads) uses it, so it must not bring zod along (storage-refusals.ts does).
export function storageProblem(error: unknown): string | null {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL')
    return 'The disk is full: the history database cannot be written. Free some space; nothing already stored is lost.';
  if (code.startsWith('SQLITE_READONLY'))
    return 'The history database is read-only (check the file’s permissions); it can be read but nothing new can be stored.';
  if (code.startsWith('SQLITE_IOERR'))
    return `The disk failed while writing the history database (${code}); nothing already stored is lost.`;
  if (code === 'SQLITE_CANTOPEN')
    return 'The history database file cannot be opened (was it moved or deleted?).';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return 'The history database is damaged; restore it from a backup (history.db.v*.bak next to it).';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return 'The history database is busy in another program; try again in a moment.';
  return null;
}
