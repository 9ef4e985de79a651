// The provider's fair use: OVHcloud publishes no hard limit, its maintainers advise staying
// under about 60 calls a minute per consumer key. One budget for every caller of the
// provider: at most `perMinute` calls in any 60 seconds (a sliding window), a person's call
// always before a job's.
import type { CallLane } from "../callLane.ts";

export const WINDOW_MS = 60_000;

/** When the budget may grant again: a real timer in production, a fake one in tests. */
export interface BudgetTimer {
  now(): number;
  /** Calls `fire` after `ms`; returns a cancel function. */
  after(ms: number, fire: () => void): () => void;
}

export const realTimer: BudgetTimer = {
  now: () => Date.now(),
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export class CallBudget {
  /** When each call of the last minute was granted, oldest first. */
  private readonly granted: number[] = [];
  private readonly waiting: Record<CallLane, (() => void)[]> = { person: [], job: [] };
  private cancelTimer: (() => void) | undefined;

  constructor(
    readonly perMinute: number,
    private readonly timer: BudgetTimer = realTimer,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError(`CallBudget needs a positive integer, got ${perMinute}`);
  }

  /** Calls waiting for the budget, per lane. */
  get queued(): Record<CallLane, number> {
    return { person: this.waiting.person.length, job: this.waiting.job.length };
  }

  /** Calls granted in the last 60 seconds. */
  get usedThisMinute(): number {
    this.forget(this.timer.now());
    return this.granted.length;
  }

  /** Resolves when the call may be made (counted from then). */
  take(lane: CallLane): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting[lane].push(resolve);
      this.grant();
    });
  }

  private forget(now: number): void {
    while (this.granted.length > 0 && (this.granted[0] ?? 0) <= now - WINDOW_MS) this.granted.shift();
  }

  private grant(): void {
    const now = this.timer.now();
    this.forget(now);
    while (this.granted.length < this.perMinute) {
      const next = this.waiting.person.shift() ?? this.waiting.job.shift();
      if (!next) return;
      this.granted.push(now);
      next();
    }
    if (this.cancelTimer || (this.waiting.person.length === 0 && this.waiting.job.length === 0)) return;
    // Full: try again when the oldest call of the window leaves it.
    const wait = Math.max(1, (this.granted[0] ?? now) + WINDOW_MS - now);
    this.cancelTimer = this.timer.after(wait, () => {
      this.cancelTimer = undefined;
      this.grant();
    });
  }
}
