// One leader for the scheduled work. A replica runs the scheduler (report, warnings, watch,
// collector), the follower and retention only while it holds the lease: it tries to take it
// every `renewMs`, renews it as often while it leads, and stops its jobs at once when a
// renewal is refused or when its own deadline passes without one (the database unreachable).
// `stop()` (SIGTERM) stops the jobs first, then releases the lease so another replica takes
// over at its next attempt. The embedded store's lease is always granted.
import type { Logger } from "pino";
import type { Lease, LeaseOps } from "../store/port.ts";

/** Timers and a monotonic clock, injected so tests move time by hand. */
export interface Timers {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface LeadershipOptions {
  lease: LeaseOps;
  holder: string;
  logger: Logger;
  /** Starts the leader's work for `term`. */
  onGain(term: number): Promise<void>;
  /** Stops it; resolves when nothing runs any more. */
  onLose(): Promise<void>;
  ttlMs?: number;
  renewMs?: number;
  timers?: Timers;
}

export class Leadership {
  private current: Lease | undefined;
  /** Local deadline of the current term: past it, the lease may be someone else's. */
  private deadline = 0;
  private loop: unknown;
  private watchdog: unknown;
  private stepping: Promise<void> | undefined;
  private stopped = false;
  /** Serialises gain/lose so the work is never started twice or stopped half-way. */
  private transition: Promise<void> = Promise.resolve();
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly timers: Timers;

  constructor(private readonly options: LeadershipOptions) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.renewMs = options.renewMs ?? 5_000;
    this.timers = options.timers ?? realTimers;
  }

  get isLeader(): boolean {
    return this.current !== undefined;
  }

  get term(): number | undefined {
    return this.current?.term;
  }

  /** First attempt at once, then every `renewMs`. */
  start(): Promise<void> {
    this.stopped = false;
    return this.tick();
  }

  /** One attempt (take or renew); a second call while one runs waits for it. */
  step(): Promise<void> {
    this.stepping ??= this.attempt().finally(() => {
      this.stepping = undefined;
    });
    return this.stepping;
  }

  /** Stops trying; a leader stops its work, then hands the lease over. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clear(this.loop);
    this.timers.clear(this.watchdog);
    await this.stepping;
    const lease = this.current;
    await this.lose("stopping");
    if (lease !== undefined) {
      await this.options.lease.release(lease).catch((error: unknown) => {
        this.options.logger.warn({ err: error }, "leader lease could not be released: it expires on its own");
      });
    }
  }

  private async tick(): Promise<void> {
    await this.step();
    if (this.stopped) return;
    this.loop = this.timers.set(() => void this.tick(), this.renewMs);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const { lease, holder, logger } = this.options;
    const startedAt = this.timers.now();
    try {
      if (this.current !== undefined) {
        const held = this.current;
        const renewed = await lease.renew(held, this.ttlMs);
        if (!renewed) await this.lose("lease taken over or expired");
        else if (this.current === held) this.extend(startedAt);
        return;
      }
      const granted = await lease.acquire(holder, this.ttlMs);
      if (granted === undefined) return;
      if (this.stopped) {
        await lease.release(granted);
        return;
      }
      this.current = granted;
      const { term } = granted;
      this.extend(startedAt);
      logger.info({ term }, "leader: running the scheduled work");
      await this.queue(() => this.options.onGain(term));
    } catch (error) {
      // The database did not answer: a leader keeps its work until its own deadline.
      logger.warn({ err: error }, "leader lease: the database did not answer");
    }
  }

  /** The lease was granted or renewed by a call started at `startedAt`: it holds until then + TTL. */
  private extend(startedAt: number): void {
    this.deadline = startedAt + this.ttlMs;
    this.timers.clear(this.watchdog);
    this.watchdog = this.timers.set(() => {
      if (this.current !== undefined && this.timers.now() >= this.deadline) void this.lose("lease not renewed in time");
    }, this.ttlMs);
  }

  private async lose(why: string): Promise<void> {
    const term = this.current?.term;
    if (term === undefined) return this.transition;
    this.current = undefined;
    this.timers.clear(this.watchdog);
    const level = why === "stopping" ? "info" : "warn";
    this.options.logger[level]({ term, why }, "leader: stopping the scheduled work");
    return this.queue(() => this.options.onLose());
  }

  private queue(work: () => Promise<void>): Promise<void> {
    const next = this.transition.then(work).catch((error: unknown) => {
      this.options.logger.error({ err: error }, "leader: starting or stopping the scheduled work failed");
    });
    this.transition = next;
    return next;
  }
}
