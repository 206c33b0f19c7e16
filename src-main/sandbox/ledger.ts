// Account balance. A task's planned cost is known when it is submitted (the simulation is
// deterministic), so it is reserved up front: a task that would overdraw the balance is refused
// with 402 instead of being cut off half way, and concurrent tasks cannot overspend together.
import { round6 } from '../contract/pricing.ts';

export class Ledger {
  private spent = 0;
  private readonly reserved = new Map<string, number>();

  constructor(private balance: number | null) {}

  /** Remaining USD, or null when the balance is unlimited. */
  remaining(): number | null {
    if (this.balance === null) return null;
    return round6(Math.max(0, this.balance - this.spent - this.held()));
  }

  /** Sets what is left now (the `[balance:…]` directive): spent and held amounts stay as they are. */
  setRemaining(amount: number): void {
    this.balance = round6(this.spent + this.held() + Math.max(0, amount));
  }

  private held(): number {
    let held = 0;
    for (const amount of this.reserved.values()) held += amount;
    return held;
  }

  canAfford(amount: number): boolean {
    const left = this.remaining();
    return left === null || (left > 0 && amount <= left);
  }

  reserve(taskId: string, amount: number): void {
    this.reserved.set(taskId, amount);
  }

  settle(taskId: string, actual: number): void {
    this.reserved.delete(taskId);
    this.spent = round6(this.spent + actual);
  }
}
