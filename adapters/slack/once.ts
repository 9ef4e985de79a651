// Slack redelivers a request it thinks was not answered (X-Slack-Retry-Num) and Bolt runs the
// listener again; a double click sends two requests. Each delivery key is handled once.
const KEEP_MS = 30 * 60_000;

export class DeliveryLog {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly keepMs = KEEP_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a key is seen within `keepMs`. Synchronous: safe against concurrency. */
  first(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.keepMs);
    return true;
  }

  private sweep(now: number): void {
    // Map iteration follows insertion order, so the oldest entries come first.
    for (const [key, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(key);
    }
  }
}
