// Slack redelivers a request it thinks was not answered (X-Slack-Retry-Num) and Bolt runs the
// listener again; a double click sends two requests. Each delivery key is handled once: in this
// process first, then, with replicas behind a load balancer, through the shared store's dedupe
// keys (a redelivery may reach another replica).

/** Slack retries an unanswered delivery at once, after 1 minute and after 5 minutes. */
const KEEP_MS = 10 * 60_000;
/**
 * Keys kept at most (the oldest are let go first): about 6 MB, ten minutes of 80 commands a
 * second. A flood beyond it can no longer grow the process; a redelivery past it asks once more
 * (an action still waits for its confirmation, which is carried out once).
 */
const MAX_KEYS = 50_000;

export class DeliveryLog {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly keepMs = KEEP_MS,
    private readonly now: () => number = Date.now,
    /** The replicas' shared dedupe keys (PostgreSQL); none for a single process. */
    private readonly shared?: (key: string, now: number, ttlMs: number) => Promise<boolean>,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** True the first time a key is seen within `keepMs` (checked here synchronously, then shared). */
  async first(key: string): Promise<boolean> {
    const now = this.now();
    this.sweep(now);
    if (this.seen.has(key)) return false;
    if (this.seen.size >= this.maxKeys) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, now + this.keepMs);
    // The store unreachable: answer anyway (the engine then says the store is unavailable).
    return this.shared ? this.shared(`slack:${key}`, now, this.keepMs).catch(() => true) : true;
  }

  private sweep(now: number): void {
    // Map iteration follows insertion order, so the oldest entries come first.
    for (const [key, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(key);
    }
  }
}
