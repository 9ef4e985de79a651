// How many provider calls a minute the scheduled jobs make for an account, and how far their
// intervals stretch so that they stay within the fair-use budget with room for people.

/** The share of the budget the jobs may use: the rest is kept for people's commands. */
export const JOB_SHARE = 0.75;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface JobIntervals {
  /** Errors of each hosting read every… */
  collectEveryMs: number;
  /** …and faster while a hosting's errors come in quickly. */
  collectFastEveryMs: number;
  /** State of each hosting read every… */
  watchEveryMs: number;
}

export interface CallPlan extends JobIntervals {
  /** Calls a minute the jobs make with these intervals (the hosting list, errors, state, daily history). */
  perMinute: number;
  /** Calls a minute with the configured intervals. */
  configuredPerMinute: number;
  /** How much the intervals were stretched (1: not at all). */
  stretch: number;
}

function callsPerMinute(hostings: number, intervals: JobIntervals): number {
  const each = (everyMs: number) => (hostings * MINUTE_MS) / everyMs;
  // One list of hostings a minute; the volume history once a day per hosting (spike baseline).
  return 1 + each(intervals.collectEveryMs) + each(intervals.watchEveryMs) + each(DAY_MS);
}

export function callPlan(configured: JobIntervals, hostings: number, budgetPerMinute?: number): CallPlan {
  const configuredPerMinute = callsPerMinute(hostings, configured);
  const allowed = budgetPerMinute === undefined ? Number.POSITIVE_INFINITY : budgetPerMinute * JOB_SHARE;
  // The list of hostings (one call a minute) and the daily history are not stretched: the rest is.
  const fixed = 1 + (hostings * MINUTE_MS) / DAY_MS;
  const stretch = Math.max(1, (configuredPerMinute - fixed) / Math.max(allowed - fixed, 1e-9));
  const intervals: JobIntervals = {
    collectEveryMs: Math.ceil(configured.collectEveryMs * stretch),
    collectFastEveryMs: Math.ceil(configured.collectFastEveryMs * stretch),
    watchEveryMs: Math.ceil(configured.watchEveryMs * stretch),
  };
  return { ...intervals, perMinute: callsPerMinute(hostings, intervals), configuredPerMinute, stretch };
}
