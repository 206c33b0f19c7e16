// What the multi-process chaos test asserts of the history once everything settled, read from
// the file after every process is gone: each promise as a list of the rows that break it (empty
// when kept), so a failure names the tasks.
import Database from 'better-sqlite3';
import { ENDED } from '../../../src-main/contract/task-status';
import type { Billed, ChaosWebRun } from './chaos-webrun';

interface Row {
  id: string;
  prompt: string;
  status: string;
  remoteTaskId: string | null;
  sessionId: string | null;
  deadlineAt: number | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface HistoryVerdict {
  tasks: number;
  byStatus: Record<string, number>;
  /** Prompts WebRun may have acted on more than once. */
  sentTwice: string[];
  /** Billed tasks whose answer reached a process that lived on, and no task keeps their ids. */
  billedWithoutIds: string[];
  /** Billed tasks the history shows neither with their ids nor as unknown. */
  billedMisreported: string[];
  /** Billed, ids not kept: the answer was written after its process had been killed. */
  answeredAfterKill: number;
  /**
   * Billed, ids not kept: the process was killed after the answer was written to it (the kill's
   * window), with how long after.
   */
  lostWithKilledProcess: string[];
  /** Not ended (terminal or unknown) after the final resume; marked when past their deadline. */
  notEnded: string[];
  integrity: string;
}

export function checkHistory(
  dbPath: string,
  webrun: ChaosWebRun,
  killedAt: Map<string, number>,
  now = Date.now(),
): HistoryVerdict {
  // Read-write, as the next start would: every process is gone, and a read-only connection
  // cannot open a WAL database whose -shm file a kill left missing (crash-recovery.test.ts).
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT id, prompt, status, remote_task_id AS remoteTaskId, session_id AS sessionId,
                deadline_at AS deadlineAt, error_code AS errorCode, error_message AS errorMessage FROM tasks`,
      )
      .all() as Row[];
    const byStatus: Record<string, number> = {};
    for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    const byRemote = new Map(rows.filter((r) => r.remoteTaskId).map((r) => [r.remoteTaskId!, r]));
    const sentTwice = [...webrun.maybeActedOn()]
      .filter(([, n]) => n > 1)
      .map(([prompt, n]) => `${n}x ${prompt}`);
    const describe = (b: Billed): string =>
      `${b.taskId} (${b.prompt}, answered to ${b.key}${b.delivered ? '' : ', answer lost'})`;
    const billedWithoutIds: string[] = [];
    const billedMisreported: string[] = [];
    const lostWithKilledProcess: string[] = [];
    let answeredAfterKill = 0;
    for (const billed of webrun.billed) {
      if (byRemote.has(billed.taskId)) continue;
      const kill = killedAt.get(billed.key);
      const row = rows.find((r) => r.prompt === billed.prompt);
      if (billed.delivered && kill === undefined)
        billedWithoutIds.push(
          `${describe(billed)}: ${row ? `${row.status} ${row.errorCode ?? ''} ${row.errorMessage ?? ''}` : 'no task'}`,
        );
      else if (billed.delivered && kill! <= billed.deliveredAt!) answeredAfterKill += 1;
      else if (billed.delivered)
        lostWithKilledProcess.push(
          `${describe(billed)}: killed ${kill! - billed.deliveredAt!} ms later`,
        );
      if (!row) billedMisreported.push(`${describe(billed)}: no task has this prompt`);
      else if (row.status !== 'unknown')
        billedMisreported.push(`${describe(billed)}: ${row.status}`);
    }
    // After the final resume nothing may be left to run, let alone past its deadline.
    const ended = new Set<string>(ENDED);
    const notEnded = rows
      .filter((r) => !ended.has(r.status))
      .map(
        (r) =>
          `${r.id.slice(0, 8)} ${r.status}${r.deadlineAt !== null && r.deadlineAt < now ? ' (past its deadline)' : ''}: ${r.prompt}`,
      );
    return {
      tasks: rows.length,
      byStatus,
      sentTwice,
      billedWithoutIds,
      billedMisreported,
      answeredAfterKill,
      lostWithKilledProcess,
      notEnded,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}
