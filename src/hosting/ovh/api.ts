// One call to the OVHcloud API, made safe: bounded calls in flight, a deadline on every
// call, the clock offset synced with /auth/time (again when a signature is refused for its
// timestamp), reads retried with jittered backoff, writes sent once.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { HostingError } from "../port.ts";
import type { CallLane } from "../callLane.ts";
import type { CallBudget } from "./budget.ts";
import type { NodeOvhClient } from "./client.ts";
import { type Classified, classify } from "./errors.ts";
import { Limiter } from "./limiter.ts";
import { type CallTrace, traced } from "./httpTrace.ts";
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, retryAfterMs } from "./retry.ts";

export type Outcome<T> = { ok: true; value: T } | ({ ok: false; retryAfterMs?: number } & Classified);

export interface OvhApiOptions {
  timeoutMs: number;
  concurrency: number;
  retry?: RetryPolicy;
  /** Application-key requests are signed with a timestamp; OAuth2 ones are not. */
  signed: boolean;
  logger: Logger;
  /** Waits between read attempts (tests pass a no-op or a recorder). */
  wait?: (ms: number) => Promise<void>;
  /**
   * Resolves when a call's deadline is reached (default: a real timer of `timeoutMs`). Tests
   * fire it themselves, when the fake API holds a request, so no test waits on the wall clock.
   */
  deadline?: (ms: number, signal: AbortSignal, call: { method: string; path: string }) => Promise<void>;
  /** Milliseconds now, for the read's overall deadline (default Date.now). */
  now?: () => number;
  /** The provider's fair-use budget, shared by every caller (none: unbounded). */
  budget?: CallBudget;
}

type Params = Record<string, unknown>;

const DEADLINE = Symbol("deadline");

export class OvhApi {
  readonly limiter: Limiter;
  private readonly retry: RetryPolicy;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly log: Logger;
  private syncing: Promise<Outcome<number>> | null = null;
  private synced = false;

  constructor(
    private readonly client: NodeOvhClient,
    private readonly options: OvhApiOptions,
  ) {
    this.limiter = new Limiter(options.concurrency);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.wait = options.wait ?? ((ms) => sleep(ms).then(() => undefined));
    this.log = options.logger.child({ component: "ovh" });
  }

  /**
   * A read: retried on transient failures; throws a HostingError. A Retry-After is honoured
   * when the wait fits in the read's deadline (one call's timeout); otherwise it gives up at once.
   */
  async read(path: string, params: Params = {}, hosting?: string, lane: CallLane = "person"): Promise<unknown> {
    const now = this.options.now ?? Date.now;
    const giveUpAt = now() + this.options.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.once("GET", path, params, hosting, lane);
      if (outcome.ok) return outcome.value;
      if (!outcome.retryable || attempt >= this.retry.retries) throw outcome.error;
      const asked = outcome.retryAfterMs;
      if (asked !== undefined && now() + asked > giveUpAt) throw outcome.error;
      await this.wait(asked ?? backoffMs(this.retry, attempt));
    }
  }

  /** A write: sent once (again only if its signature was refused, so it was not applied). */
  write(method: "PUT" | "POST", path: string, body: Params, hosting?: string, lane: CallLane = "person"): Promise<Outcome<unknown>> {
    return this.once(method, path, body, hosting, lane);
  }

  /** Server time minus local time (seconds), once synced. */
  get timeDiff(): number {
    return this.client.apiTimeDiff ?? 0;
  }

  /** The API's time (Unix seconds), unauthenticated; also re-syncs the signing offset. */
  async serverTime(): Promise<number> {
    this.synced = false;
    const outcome = await this.syncTime();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private async once(method: string, path: string, params: Params, hosting: string | undefined, lane: CallLane): Promise<Outcome<unknown>> {
    let outcome = await this.attempt(method, path, params, hosting, lane);
    if (!outcome.ok && outcome.resync && this.options.signed) {
      this.log.warn({ method, path, queryId: outcome.error.details.queryId }, "signature refused for its timestamp: re-syncing the clock");
      this.synced = false;
      outcome = await this.attempt(method, path, params, hosting, lane);
    }
    return outcome;
  }

  private async attempt(method: string, path: string, params: Params, hosting: string | undefined, lane: CallLane): Promise<Outcome<unknown>> {
    // Also the first OAuth2 call: one token request rather than one per concurrent caller.
    if (!this.synced) {
      const sync = await this.syncTime();
      // The request itself was never sent: whatever the time check's failure, nothing was applied.
      if (!sync.ok) return { ...sync, maybeApplied: false };
    }
    return this.send(method, path, params, hosting, lane);
  }

  /** One /auth/time call shared by every caller waiting for it (a person among them, maybe). */
  private syncTime(): Promise<Outcome<number>> {
    this.syncing ??= this.send("GET", "/auth/time", {}, undefined, "person").then((outcome) => {
      this.syncing = null;
      if (!outcome.ok) return outcome;
      const time = Number(outcome.value);
      if (!Number.isFinite(time)) {
        const error = new HostingError("unknown", "OVHcloud answered /auth/time with something that is not a time");
        return { ok: false, error, retryable: true, maybeApplied: false, resync: false };
      }
      this.client.apiTimeDiff = time - Math.round(Date.now() / 1000);
      this.synced = true;
      this.log.debug({ offsetSeconds: this.client.apiTimeDiff }, "clock synced with /auth/time");
      return { ok: true, value: time };
    });
    return this.syncing;
  }

  private async send(method: string, path: string, params: Params, hosting: string | undefined, lane: CallLane): Promise<Outcome<unknown>> {
    // Every call counts against the fair-use budget, a person's before a job's.
    await this.options.budget?.take(lane);
    return this.limiter.run(async () => {
      const trace: CallTrace = {};
      try {
        // node-ovh deletes keys from the params it is given: hand it a copy.
        const call = () => this.client.requestPromised(method, path, { ...params });
        const started = performance.now();
        const value = await traced(trace, () => this.deadline(call(), trace, { method, path }));
        const ms = Math.round(performance.now() - started);
        this.log.debug({ method, path, ms, queryId: trace.queryId }, "OVHcloud call");
        return { ok: true as const, value };
      } catch (raw) {
        const info = { method, path, hosting, queryId: trace.queryId };
        const classified: Classified & { retryAfterMs?: number } =
          raw === DEADLINE
            ? {
                error: new HostingError("timeout", `OVHcloud did not answer within ${this.options.timeoutMs} ms (${method} ${path})`, {
                  hosting,
                  queryId: trace.queryId,
                }),
                retryable: true,
                maybeApplied: true,
                resync: false,
              }
            : classify(raw, info);
        const asked = retryAfterMs(trace.retryAfter, Date.now());
        if (asked !== undefined && classified.error.code === "rate_limited") classified.retryAfterMs = asked;
        this.log.warn(
          { method, path, code: classified.error.code, status: classified.error.details.status, queryId: trace.queryId },
          `OVHcloud call failed: ${classified.error.message}`,
        );
        return { ok: false as const, ...classified };
      }
    });
  }

  /** node-ovh waits forever on a silent server: give up at the deadline and drop the request. */
  private deadline<T>(work: PromiseLike<T>, trace: CallTrace, call: { method: string; path: string }): Promise<T> {
    const stop = new AbortController();
    const reached = this.options.deadline
      ? this.options.deadline(this.options.timeoutMs, stop.signal, call)
      : sleep(this.options.timeoutMs, undefined, { signal: stop.signal });
    return new Promise<T>((resolve, reject) => {
      reached.then(
        () => {
          if (stop.signal.aborted) return;
          reject(DEADLINE);
          trace.request?.destroy();
        },
        () => undefined, // aborted: the call settled first
      );
      Promise.resolve(work).then(
        (value) => {
          stop.abort();
          resolve(value);
        },
        (error: unknown) => {
          stop.abort();
          reject(error);
        },
      );
    });
  }
}
