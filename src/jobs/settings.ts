// The jobs' knobs, read from the validated environment (src/config.ts).
import { type Env, usesOvh } from "../config.ts";

export interface JobSettings {
  reportCron: string;
  timeZone: string;
  collectEveryMs: number;
  /** Faster polling while a hosting's errors come in quickly (a bad day must stay complete). */
  collectFastEveryMs: number;
  watchEveryMs: number;
  retentionMs: number;
  /** Hours before the 72-hour hold ends, largest first. */
  holdWarnHours: number[];
  spikeFactor: number;
  spikeMinMails: number;
  spikeDailyShare: number;
  /** Retries of a provider call within one job run, with doubling waits (none over a provider that retries its reads). */
  retries: number;
  retryBaseMs: number;
  /** The provider's fair-use budget (OVH_CALLS_PER_MINUTE); undefined for the sandbox. */
  callsPerMinute?: number;
}

const MINUTE = 60_000;

export function jobSettings(env: Env): JobSettings {
  const collect = env.MAILBRAKE_COLLECT_MINUTES * MINUTE;
  return {
    reportCron: env.MAILBRAKE_REPORT_CRON,
    timeZone: env.MAILBRAKE_TZ,
    collectEveryMs: collect,
    collectFastEveryMs: Math.min(collect, MINUTE),
    watchEveryMs: env.MAILBRAKE_WATCH_MINUTES * MINUTE,
    retentionMs: env.MAILBRAKE_ERROR_RETENTION_DAYS * 86_400_000,
    holdWarnHours: [...new Set(env.MAILBRAKE_HOLD_WARN_HOURS.split(",").map(Number))]
      .filter((h) => h > 0 && h < 72)
      .sort((a, b) => b - a),
    spikeFactor: env.MAILBRAKE_SPIKE_FACTOR,
    spikeMinMails: env.MAILBRAKE_SPIKE_MIN_MAILS,
    spikeDailyShare: env.MAILBRAKE_SPIKE_DAILY_SHARE,
    retries: usesOvh(env) ? 0 : 1,
    retryBaseMs: 2_000,
    callsPerMinute: usesOvh(env) ? env.OVH_CALLS_PER_MINUTE : undefined,
  };
}
