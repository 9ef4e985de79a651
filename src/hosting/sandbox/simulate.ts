// Time passing for one hosting: minute steps of script traffic, plus settling the
// transitions and expiries that fall due at an instant.
import { isStopped } from "../port.ts";
import { countSent, expireHeld, holdMail, logErrors, noteRecent, rollDay } from "./ledger.ts";
import { applyAutomaticRules, completePending } from "./machine.ts";
import type { Rng } from "./rng.ts";
import type { HostingRecord } from "./schema.ts";
import { DAY, HELD_MAX_AGE_MS } from "./time.ts";
import { drawMailsInMinute } from "./traffic.ts";

/** Brings the record to instant `t` without traffic; returns whether anything changed. */
export function settle(record: HostingRecord, t: number, rng: Rng): boolean {
  const completed = completePending(record, t, rng);
  const rolled = rollDay(record, t);
  const expired = expireHeld(record, t);
  return completed || rolled || expired;
}

/** The earliest instant at which `settle` can change the record (Infinity: never, until
 * something is done to it): a pending request falls due, the day rolls, held mail expires.
 * Keep it in step with `settle`. */
export function nextSettle(record: HostingRecord): number {
  const nextDay = Date.parse(`${record.day}T00:00:00Z`) + DAY;
  const pending = record.pending ? record.pending.at : Infinity;
  const held = record.held[0] ? record.held[0].at + HELD_MAX_AGE_MS : Infinity;
  return Math.min(Number.isNaN(nextDay) ? -Infinity : nextDay, pending, held);
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
