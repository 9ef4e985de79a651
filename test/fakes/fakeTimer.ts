// A timer that only moves when told to: the call budget's time in tests.
import type { BudgetTimer } from "../../src/hosting/ovh/budget.ts";

export class FakeTimer implements BudgetTimer {
  private pending: { at: number; fire: () => void }[] = [];

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  after(ms: number, fire: () => void): () => void {
    const entry = { at: this.current + ms, fire };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** Moves time forward, firing what falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.current = next.at;
      next.fire();
    }
    this.current = end;
  }
}
