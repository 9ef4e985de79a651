// Bookkeeping on one hosting's record: counters, volumes per day, the held queue and the
// error log. No decisions about states here (see machine.ts).
import { randomRecipient } from "./recipients.ts";
import type { Rng } from "./rng.ts";
import { type HostingRecord, MAX_ERRORS, VOLUME_DAYS } from "./schema.ts";
import { smtpAnswer } from "./smtp-answers.ts";
import { HELD_MAX_AGE_MS, MINUTE, utcDay } from "./time.ts";

/** Starts a new UTC day when `t` is past the record's day: resets sentToday, opens a volume. */
export function rollDay(record: HostingRecord, t: number): boolean {
  const day = utcDay(t);
  if (day <= record.day) return false;
  record.day = day;
  record.sentToday = 0;
  record.volumes.push({ date: day, volume: 0 });
  if (record.volumes.length > VOLUME_DAYS)
    record.volumes.splice(0, record.volumes.length - VOLUME_DAYS);
  return true;
}

/** Counts `count` delivered mails at `t` (after rollDay). */
export function countSent(record: HostingRecord, count: number): void {
  record.sent += count;
  record.sentToday += count;
  const today = record.volumes[record.volumes.length - 1];
  if (today && today.date === record.day) today.volume += count;
  else record.volumes.push({ date: record.day, volume: count });
}

/** Logs `count` errors dated within [from, from + spanMs), oldest first, capped. */
export function logErrors(
  record: HostingRecord,
  rng: Rng,
  count: number,
  from: number,
  spanMs = MINUTE,
  spammy = false,
): void {
  if (count <= 0) return;
  record.bounce += count;
  // Only the newest MAX_ERRORS survive, so older ones are not even generated.
  const offsets: number[] = [];
  for (let i = 0; i < Math.min(count, MAX_ERRORS); i++)
    offsets.push(Math.floor(rng.next() * spanMs));
  offsets.sort((a, b) => a - b);
  for (const offset of offsets) {
    const to = randomRecipient(rng, record.name);
    const date = new Date(from + offset).toISOString();
    record.errors.push({ date, to, message: smtpAnswer(rng, to, spammy) });
  }
  if (record.errors.length > MAX_ERRORS) record.errors.splice(0, record.errors.length - MAX_ERRORS);
}

/** Queues `count` mails submitted at `t`; the queue stays sorted by time. */
export function holdMail(record: HostingRecord, t: number, count: number): void {
  if (count <= 0) return;
  let i = record.held.length;
  while (i > 0 && record.held[i - 1]!.at > t) i--;
  const before = record.held[i - 1];
  if (before && before.at === t) before.count += count;
  else record.held.splice(i, 0, { at: t, count });
}

/** Discards held mail that has reached 72 hours at `t`; returns whether any was. */
export function expireHeld(record: HostingRecord, t: number): boolean {
  let expired = 0;
  while (expired < record.held.length && record.held[expired]!.at + HELD_MAX_AGE_MS <= t) expired++;
  if (expired > 0) record.held.splice(0, expired);
  return expired > 0;
}

export function heldCount(record: HostingRecord): number {
  return record.held.reduce((sum, bucket) => sum + bucket.count, 0);
}

/** Adds a per-minute traffic bucket for the burst and error-ratio rules. */
export function noteRecent(record: HostingRecord, t: number, sent: number, errors: number): void {
  record.recent.push({ at: t, sent, errors });
}
