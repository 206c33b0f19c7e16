// Tasks asked for by AI assistants over MCP: who asked (the client's name from the MCP
// handshake) and, when the person wants to approve first, the request waiting for that word.
// A request is not a task: the runner never sees one until it is approved and sent.
import type Database from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';

export type McpRequestStatus = 'awaiting_approval' | 'approved' | 'rejected' | 'withdrawn' | 'sent';

export interface McpRequest {
  id: string;
  hostId: string;
  client: string;
  prompt: string;
  /** The tool's input as validated (prompt, URL, output, limits); never a secret. */
  input: unknown;
  costCap: number | null;
  status: McpRequestStatus;
  taskId: string | null;
  createdAt: number;
  decidedAt: number | null;
}

interface Row {
  id: string;
  host_id: string;
  client: string;
  prompt: string;
  input: string;
  cost_cap: number | null;
  status: McpRequestStatus;
  task_id: string | null;
  created_at: number;
  decided_at: number | null;
}

function toRequest(row: Row): McpRequest {
  let input: unknown = null;
  try {
    input = JSON.parse(row.input);
  } catch {
    input = null;
  }
  return {
    id: row.id,
    hostId: row.host_id,
    client: row.client,
    prompt: row.prompt,
    input,
    costCap: row.cost_cap,
    status: row.status,
    taskId: row.task_id,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export class McpRequestsStore {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  add(request: Omit<McpRequest, 'decidedAt' | 'taskId'> & { taskId?: string | null }): McpRequest {
    this.sql(
      `INSERT INTO mcp_requests (id, host_id, client, prompt, input, cost_cap, status, task_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      request.id,
      request.hostId,
      request.client,
      request.prompt,
      JSON.stringify(request.input),
      request.costCap,
      request.status,
      request.taskId ?? null,
      request.createdAt,
    );
    return this.get(request.id)!;
  }

  get(id: string): McpRequest | null {
    const row = this.sql('SELECT * FROM mcp_requests WHERE id = ?').get(id) as Row | undefined;
    return row ? toRequest(row) : null;
  }

  byTask(taskId: string): McpRequest | null {
    const row = this.sql('SELECT * FROM mcp_requests WHERE task_id = ?').get(taskId) as
      Row | undefined;
    return row ? toRequest(row) : null;
  }

  /** The assistant that started a task, or null for a task a person started. */
  clientOf(taskId: string): string | null {
    return (
      (
        this.sql('SELECT client FROM mcp_requests WHERE task_id = ?').get(taskId) as
          { client: string } | undefined
      )?.client ?? null
    );
  }

  /**
   * What the assistants' tasks still under way may yet spend: each one's cap less its cost so
   * far, counted until the task ends (an unknown outcome may still be running at WebRun). A
   * new call is checked against spend plus this, so calls in flight together cannot pass a cap.
   */
  reservedSpend(): number {
    const row = this.sql(
      `SELECT coalesce(sum(max(0, r.cost_cap - coalesce(t.cost, 0))), 0) AS reserved
         FROM mcp_requests r JOIN tasks t ON t.id = r.task_id
        WHERE r.status = 'sent' AND r.cost_cap IS NOT NULL
          AND t.status IN ('queued', 'submitting', 'running', 'needs_input', 'paused', 'unknown')`,
    ).get() as { reserved: number };
    return row.reserved;
  }

  awaitingApproval(): McpRequest[] {
    return (
      this.sql(
        "SELECT * FROM mcp_requests WHERE status = 'awaiting_approval' ORDER BY created_at, id",
      ).all() as Row[]
    ).map(toRequest);
  }

  /**
   * Moves a request from `from` to `to`, atomically: of a person's approval and the host's
   * timeout, whichever is stored first wins, and the other gets false.
   */
  transition(
    id: string,
    from: McpRequestStatus,
    to: McpRequestStatus,
    at: number,
    taskId?: string,
  ): boolean {
    return (
      this.sql(
        'UPDATE mcp_requests SET status = ?, decided_at = coalesce(decided_at, ?), task_id = coalesce(?, task_id) WHERE id = ? AND status = ?',
      ).run(to, at, taskId ?? null, id, from).changes === 1
    );
  }
}
