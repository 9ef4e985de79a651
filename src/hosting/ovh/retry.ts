// Jittered exponential backoff for reads ("full jitter": a random wait up to the cap).

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseMs: 250, maxMs: 4_000 };

export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(random() * cap);
}
