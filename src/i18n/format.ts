// Dates and numbers in the user's language and the configured time zone. Intl formatters
// are cached: creating one per call costs native memory that is slow to come back.
import type { Language } from "./index.ts";

const intlLocale: Record<Language, string> = {
  en: "en-GB",
  fi: "fi-FI",
  pl: "pl-PL",
  fr: "fr-FR",
  nl: "nl-NL",
  pt: "pt-PT",
};

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

export function formatDateTime(language: Language, timeZone: string, ms: number): string {
  return cached(
    `dt|${language}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlLocale[language], {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone,
        timeZoneName: "short",
      }),
  ).format(ms);
}

export function formatDate(language: Language, timeZone: string, ms: number): string {
  return cached(
    `d|${language}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale[language], { dateStyle: "medium", timeZone }),
  ).format(ms);
}

/**
 * How each language writes a whole number (group separator, fewest digits before the first
 * group, minus sign): what Intl.NumberFormat gives for these locales, checked against it by a
 * test. The first Intl.NumberFormat costs a start ~11 ms, most of a one-shot `status`.
 */
const wholeNumbers: Record<Language, { group: string; minDigits: number; minus: string }> = {
  en: { group: ",", minDigits: 4, minus: "-" },
  fi: { group: "\u00a0", minDigits: 4, minus: "\u2212" },
  pl: { group: "\u00a0", minDigits: 5, minus: "-" },
  fr: { group: "\u202f", minDigits: 4, minus: "-" },
  nl: { group: ".", minDigits: 4, minus: "-" },
  pt: { group: "\u00a0", minDigits: 5, minus: "-" },
};

export function formatNumber(language: Language, value: number): string {
  const whole = wholeNumbers[language];
  if (whole && Number.isSafeInteger(value) && !Object.is(value, -0)) {
    const digits = String(Math.abs(value));
    const grouped = digits.length < whole.minDigits ? digits : digits.replace(/\B(?=(\d{3})+$)/g, whole.group);
    return value < 0 ? `${whole.minus}${grouped}` : grouped;
  }
  return cached(`n|${language}`, () => new Intl.NumberFormat(intlLocale[language])).format(value);
}

export function formatPercent(language: Language, ratio: number): string {
  return cached(
    `p|${language}`,
    () =>
      new Intl.NumberFormat(intlLocale[language], { style: "percent", maximumFractionDigits: 1 }),
  ).format(ratio);
}

/** "2 hr 5 min" in the user's language. */
export function formatDuration(language: Language, ms: number): string {
  const totalMinutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const unit = (value: number, u: "hour" | "minute") =>
    cached(
      `u|${language}|${u}`,
      () => new Intl.NumberFormat(intlLocale[language], { style: "unit", unit: u, unitDisplay: "short" }),
    ).format(value);
  if (hours === 0) return unit(minutes, "minute");
  if (minutes === 0) return unit(hours, "hour");
  return `${unit(hours, "hour")} ${unit(minutes, "minute")}`;
}
