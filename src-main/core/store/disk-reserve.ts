// Room kept on the history's disk for the one write that must not fail: WebRun's answer to a
// task already sent (its ids). A full disk fails every write, and without its ids a task that
// WebRun runs and bills could never be found again. This file's space is given back at that
// moment, for that write; it is made again at the next start.
import { closeSync, existsSync, openSync, unlinkSync, writeSync } from 'node:fs';

/** Enough for a few WAL frames: the ids and the answer's event. */
export const RESERVE_BYTES = 256 * 1024;

export class DiskReserve {
  private constructor(private readonly path: string | null) {}

  /** The reserve beside a history file, made now if there is room (never an error). */
  static beside(dbPath: string): DiskReserve {
    if (dbPath === ':memory:') return new DiskReserve(null);
    const path = `${dbPath}.reserve`;
    if (existsSync(path)) return new DiskReserve(path);
    let fd: number | null = null;
    try {
      fd = openSync(path, 'wx', 0o600);
      // Real blocks, not a sparse file: only written bytes hold space on the disk.
      writeSync(fd, Buffer.alloc(RESERVE_BYTES, 0));
      return new DiskReserve(path);
    } catch {
      if (fd !== null) {
        closeSync(fd);
        fd = null;
        try {
          unlinkSync(path);
        } catch {
          // Nothing to clean.
        }
      }
      return new DiskReserve(null); // a full or read-only disk: no reserve this time
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** Gives the room back; true when there was some to give. */
  release(): boolean {
    if (!this.path) return false;
    try {
      unlinkSync(this.path);
      return true;
    } catch {
      return false;
    }
  }
}
