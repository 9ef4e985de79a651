// Synthetic past for demo hostings, so charts and error logs are not empty on day one.
// Whole days are drawn at once (not simulated minute by minute) to keep startup fast.
import { countSent, logErrors, rollDay } from "./ledger.ts";
import type { Rng } from "./rng.ts";
import type { HostingRecord } from "./schema.ts";
import { DAY } from "./time.ts";
import { expectedMailsInDay } from "./traffic.ts";

/** Fills `days` days before `todayStart` (a UTC midnight). */
export function synthesizeHistory(
  record: HostingRecord,
  rng: Rng,
  todayStart: number,
  days: number,
): void {
  // The site existed before the history we draw: cumulative counters start above zero.
  const before = Math.round(record.profile.dailyMails * rng.int(90, 700));
  record.sent += before;
  record.bounce += Math.round(before * record.profile.errorRate);
  for (let d = days; d >= 1; d--) {
    const dayStart = todayStart - d * DAY;
    const expected = expectedMailsInDay(record.profile, dayStart);
    // Days vary more than a Poisson draw would: +-15 % of business noise.
    const volume = Math.max(0, Math.round(expected * (1 + 0.15 * rng.gaussian())));
    rollDay(record, dayStart);
    countSent(record, volume);
    logErrors(record, rng, rng.binomial(volume, record.profile.errorRate), dayStart, DAY);
  }
}
