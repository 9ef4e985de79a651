// The provider's dates: ISO 8601 date-times with a zone offset (`2026-11-30T14:03:11+01:00`)
// or, in older answers, a bare day (`2026-11-30`). Days are counted in the team's time zone.

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const isProviderDate = (text: string): boolean =>
  (DAY_ONLY.test(text) || DATE_TIME.test(text)) && Number.isFinite(Date.parse(text));

/** The instant of a date-time; a bare day is its midnight in `timeZone`. NaN if unreadable. */
export function instantOf(text: string, timeZone = "UTC"): number {
  if (DAY_ONLY.test(text)) return zonedMidnight(text, timeZone);
  return DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
}

/** "2026-11-30": the calendar day of a provider date-time in `timeZone` ("" if unreadable). */
export function dayOf(text: string, timeZone: string): string {
  if (DAY_ONLY.test(text)) return text;
  const at = instantOf(text);
  return Number.isFinite(at) ? calendarDay(at, timeZone) : "";
}

const MIDNIGHT = /T00:00(:00(\.0+)?)?(Z|[+-])/i;
const HALF_DAY_MS = 43_200_000;

/**
 * The calendar day, in `timeZone`, of a volume entry. An entry dated at a midnight stands for
 * the whole day that starts there (in the provider's zone): it counts for the team's day that
 * holds most of it, so a few hours between the two zones never move it to the day before.
 */
export function volumeDay(text: string, timeZone: string): string {
  if (DAY_ONLY.test(text)) return text;
  const at = instantOf(text);
  if (!Number.isFinite(at)) return "";
  return calendarDay(MIDNIGHT.test(text) ? at + HALF_DAY_MS : at, timeZone);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-24": the calendar day of `ms` in `timeZone`. */
export function calendarDay(ms: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(ms);
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes `timeZone` is ahead of UTC at `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    partFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** The instant a calendar day ("2026-11-30") starts in `timeZone`. */
export function zonedMidnight(day: string, timeZone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(utc)) return Number.NaN;
  let guess = utc - offsetMinutes(utc, timeZone) * 60_000;
  // Once more, in case the offset changes between the guess and midnight (DST).
  guess = utc - offsetMinutes(guess, timeZone) * 60_000;
  return guess;
}
