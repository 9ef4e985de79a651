// Time passing for one hosting: minute steps of script traffic, plus settling the
// transitions and expiries that fall due at an instant.
import { isStopped } from "../port.ts";
import { countSent, expireHeld, holdMail, logErrors, noteRecent, rollDay } from "./ledger.ts";
import { applyAutomaticRules, completePending } from "./machine.ts";
import type { Rng } from "./rng.ts";
import type { HostingRecord } from "./schema.ts";
import { drawMailsInMinute } from "./traffic.ts";

/** Brings the record to instant `t` without traffic; returns whether anything changed. */
export function settle(record: HostingRecord, t: number, rng: Rng): boolean {
  const completed = completePending(record, t, rng);
  const rolled = rollDay(record, t);
  const expired = expireHeld(record, t);
  return completed || rolled || expired;
}

/** Simulates the minute starting at `t`. */
export function stepMinute(record: HostingRecord, t: number, rng: Rng): void {
  settle(record, t, rng);
  submitMail(record, t, drawMailsInMinute(rng, record.profile, t), rng);
}

/** The site's scripts hand `count` mails to the hosting at `t` (after settle). */
export function submitMail(record: HostingRecord, t: number, count: number, rng: Rng): void {
  // Mail submitted while purging goes away with the queue being purged.
  if (count <= 0 || record.state === "purging") return;
  if (isStopped(record.state)) {
    holdMail(record, t, count);
    return;
  }
  const errors = rng.binomial(count, record.profile.errorRate);
  countSent(record, count);
  logErrors(record, rng, errors, t);
  noteRecent(record, t, count, errors);
  applyAutomaticRules(record, t);
}
