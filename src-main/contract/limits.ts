// The documented maximum of every number a person or a caller may give the desk, and why it
// is that number. Zod-free, so the renderer's forms check the same bounds without zod in their
// bundle; bounds.ts builds the contract's schemas from these.

/** WebRun ends a session after 5 minutes without activity, so a question cannot wait longer. */
export const MAX_QUESTION_TIMEOUT_MS = 300_000;
/** A spending cap above a million dollars a day or a month is a typo, not a budget. */
export const MAX_BUDGET_CAP_USD = 1_000_000;
/** One task's cost cap: WebRun runs a task for 5 minutes at most, far below this. */
export const MAX_TASK_COST_CAP_USD = 10_000;
/** 31 Dec 9999, the last moment a date picker or an ISO string can name. */
export const MAX_TIMESTAMP_MS = 253_402_300_799_999;
/** Fields of a CSV output, and the length of each name. */
export const MAX_OUTPUT_COLUMNS = 100;
export const MAX_COLUMN_NAME = 200;
