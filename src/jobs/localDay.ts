// The calendar day of an instant in a time zone (one formatter per zone, reused).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-24": the calendar day of `ms` in `timeZone`. */
export function localDay(ms: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(ms);
}
