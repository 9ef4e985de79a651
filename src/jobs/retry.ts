// Provider calls inside a job: transient failures are retried with doubling waits; the
// last error is returned as a value so the job can say what it could not read.
import { HostingError } from "../hosting/port.ts";

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

const TRANSIENT = new Set(["unavailable", "timeout", "rate_limited", "unknown"]);

export const isTransient = (error: unknown): boolean =>
  !(error instanceof HostingError) || TRANSIENT.has(error.code);

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function withRetry<T>(
  work: () => Promise<T>,
  options: { retries: number; baseMs: number; sleep: Sleep },
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

/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<I, O>(items: readonly I[], limit: number, work: (item: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
