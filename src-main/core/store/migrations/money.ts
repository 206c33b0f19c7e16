// The money-foresight tables (migration 13, read by core/money), with the other migrations so
// the store imports no module above it.
export const MONEY_SQL = `
      -- One row per report (start-session answer, 402 refusal); the latest is the account's balance
      -- as last seen. required: what a refused request needed, when WebRun said.
      CREATE TABLE balance_readings (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        balance   REAL NOT NULL,
        required  REAL,
        source    TEXT NOT NULL,
        simulated INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX balance_readings_by_time ON balance_readings (at DESC, id DESC);
      -- Earlier runs of the same prompt are a task's cost baseline (anomalies, pre-flight).
      CREATE INDEX tasks_by_prompt ON tasks (prompt, ended_at DESC) WHERE status = 'completed';
`;
