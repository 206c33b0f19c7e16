// WebRun's limits on profile archives, and the size of the pieces an archive is sent to the
// core in. Zod-free, so the renderer can read them without bundling the contract's schemas.

/** WebRun takes profile archives up to 500 MB. */
export const MAX_ARCHIVE_BYTES = 500 * 1024 * 1024;
/** One piece of an archive on its way to the core: 1 MiB, base64 (about 1.4 MB of text). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
