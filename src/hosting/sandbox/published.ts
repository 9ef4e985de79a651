// The sandbox answers in the published model's shapes, as the provider does: date-times with
// a zone offset (its days are UTC days), and now and then an error without a recipient
// (`to` is nullable in the model). What it keeps inside stays as it was.
import type { Bounce, Volume } from "../port.ts";

const OFFSET = "+00:00";

/** "2026-11-30T14:03:11.123Z" → "2026-11-30T14:03:11+00:00". */
export const withOffset = (iso: string): string => iso.replace(/(\.\d+)?Z$/i, OFFSET);

/** About one error in 25 carries no recipient, decided by the entry itself (no randomness). */
function withoutRecipient(date: string, to: string): boolean {
  let hash = 2166136261;
  for (const char of `${date}|${to}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash % 25 === 0;
}

export function publishedBounce(bounce: { date: string; to: string; message: string }): Bounce {
  return {
    date: withOffset(bounce.date),
    to: withoutRecipient(bounce.date, bounce.to) ? null : bounce.to,
    message: bounce.message,
  };
}

/** A day's volume: the date-time of the day's start (a UTC midnight). */
export const publishedVolume = (volume: { date: string; volume: number }): Volume => ({
  date: /^\d{4}-\d{2}-\d{2}$/.test(volume.date) ? `${volume.date}T00:00:00${OFFSET}` : withOffset(volume.date),
  volume: volume.volume,
});
