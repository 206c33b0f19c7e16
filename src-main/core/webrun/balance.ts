// The account balance WebRun tells us, whatever shape it came in (webrun-api.md §5.3, §9):
// start-session answers carry `balance`; a 402 carries it either flat
// (`{"success":false,"message":"Insufficient balance.","balance":0.15}`) or in the error
// reference's format (`code: "INSUFFICIENT_BALANCE"`, `details: {balance, required}`), and the
// second's message also names both ("$0.50 remaining, $2.00 required"). One-shot run-task
// answers carry none. Numbers may arrive as numeric strings; anything else is "not reported".
import { isRecord, text } from './json-read';

export interface BalanceFigures {
  /** USD left on the account. */
  balance: number;
  /** USD the refused request needed, when WebRun said. */
  required: number | null;
}

function usd(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === 'string') {
    const trimmed = value.trim().replace(/^\$/, '');
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  }
  return null;
}

/** "$0.50 remaining, $2.00 required": the only place the errors page puts both in words. */
function fromMessage(message: string | null): { balance: number | null; required: number | null } {
  if (!message) return { balance: null, required: null };
  const left = /\$(\d+(?:\.\d+)?)\s*(?:remaining|left|available)/i.exec(message);
  const needed = /\$(\d+(?:\.\d+)?)\s*(?:required|needed)/i.exec(message);
  return { balance: left ? Number(left[1]) : null, required: needed ? Number(needed[1]) : null };
}

/** A balance WebRun reported, and where: `start-session`, `402 /start/run-task` and the like. */
export interface BalanceReport extends BalanceFigures {
  source: string;
}

/** The balance in a body (start-session answer or 402 refusal), or null when it names none. */
export function balanceOf(body: unknown): BalanceFigures | null {
  if (!isRecord(body)) return null;
  const details = isRecord(body.details) ? body.details : {};
  const words = fromMessage(text(body.error) ?? text(body.message));
  const balance = usd(body.balance) ?? usd(details.balance) ?? words.balance;
  if (balance === null) return null;
  const required =
    usd(body.required) ?? usd(details.required) ?? usd(details.requiredBalance) ?? words.required;
  return { balance, required };
}

/** A refusal for money: 402, or the documented code on whatever status carried it. */
export function isBalanceRefusal(status: number | null, code: string | null): boolean {
  return status === 402 || code === 'INSUFFICIENT_BALANCE';
}
