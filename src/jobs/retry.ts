// Provider calls inside a job: transient failures are retried with doubling waits (at most
// once: the OVHcloud client retries reads itself); the last error is returned as a value so
// the job can say what it could not read.
import { HostingError } from "../hosting/port.ts";

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

const TRANSIENT = new Set(["unavailable", "timeout", "rate_limited", "unknown"]);

export const isTransient = (error: unknown): boolean =>
  !(error instanceof HostingError) || TRANSIENT.has(error.code);

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function withRetry<T>(
  work: () => Promise<T>,
  options: RetryOptions,
): Promise<Attempt<T>> {
  let error: unknown;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await options.sleep(options.baseMs * 2 ** (attempt - 1));
    try {
      return { ok: true, value: await work() };
    } catch (caught) {
      error = caught;
      if (!isTransient(caught)) break;
    }
  }
  return { ok: false, error };
}

export interface RetryOptions {
  retries: number;
  baseMs: number;
  sleep: Sleep;
}

/** Transient failures in a row after which a pass stops calling the provider. */
export const STOP_AFTER_FAILURES = 3;

/**
 * One pass over many hostings: each call is retried as `retry` says, and once a few calls in
 * a row failed transiently (the provider is down) the rest fail at once with the last error,
 * so an outage costs a few timeouts, not one per hosting.
 */
export class ProviderPass {
  private streak = 0;
  private lastError: unknown;

  constructor(
    private readonly retry: RetryOptions,
    private readonly stopAfter = STOP_AFTER_FAILURES,
  ) {}

  get stopped(): boolean {
    return this.streak >= this.stopAfter;
  }

  async call<T>(work: () => Promise<T>): Promise<Attempt<T>> {
    if (this.stopped) return { ok: false, error: this.lastError };
    const answer = await withRetry(work, this.retry);
    if (!answer.ok && isTransient(answer.error)) {
      this.streak += 1;
      this.lastError = answer.error;
    } else {
      this.streak = 0;
    }
    return answer;
  }
}
