// Dates, times and numbers with Intl in the configured time zone and the user's language.
// Expected texts spell out the separators: French groups digits with a narrow no-break space
// (U+202F), Finnish, Polish and Portuguese with a no-break space (U+00A0).
import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
} from "../../src/i18n/format.ts";
import type { Language } from "../../src/i18n/index.ts";

const NB = "\u00a0";
const NNB = "\u202f";
/** 24 November 2026, 09:05 UTC. */
const MOMENT = Date.UTC(2026, 10, 24, 9, 5);

const cases: Record<
  Language,
  { number: string; small: string; percent: string; helsinki: string; lisbon: string; date: string; duration: string }
> = {
  en: {
    number: "12,500",
    small: "1,234",
    percent: "2.5%",
    helsinki: "24 Nov 2026, 11:05 EET",
    lisbon: "24 Nov 2026, 09:05 WET",
    date: "24 Nov 2026",
    duration: "2 hrs 5 mins",
  },
  fi: {
    number: `12${NB}500`,
    small: `1${NB}234`,
    percent: `2,5${NB}%`,
    helsinki: "24.11.2026 klo 11.05 UTC+2",
    lisbon: "24.11.2026 klo 09.05 UTC+0",
    date: "24.11.2026",
    duration: "2 t 5 min",
  },
  pl: {
    number: `12${NB}500`,
    // Polish does not group four-digit numbers.
    small: "1234",
    percent: "2,5%",
    helsinki: "24 lis 2026, 11:05 EET",
    lisbon: "24 lis 2026, 09:05 WET",
    date: "24 lis 2026",
    duration: "2 godz. 5 min",
  },
  fr: {
    number: `12${NNB}500`,
    small: `1${NNB}234`,
    percent: `2,5${NB}%`,
    helsinki: "24 nov. 2026, 11:05 UTC+2",
    lisbon: "24 nov. 2026, 09:05 UTC+0",
    date: "24 nov. 2026",
    duration: `2${NNB}h 5${NB}min`,
  },
  nl: {
    number: "12.500",
    small: "1.234",
    percent: "2,5%",
    helsinki: "24 nov 2026, 11:05 EET",
    lisbon: "24 nov 2026, 09:05 WET",
    date: "24 nov 2026",
    duration: "2 uur 5 min",
  },
  pt: {
    number: `12${NB}500`,
    small: "1234",
    percent: "2,5%",
    helsinki: "24/11/2026, 11:05 EET",
    lisbon: "24/11/2026, 09:05 WET",
    date: "24/11/2026",
    duration: "2 h 5 min",
  },
};

describe.each(Object.entries(cases) as [Language, (typeof cases)[Language]][])("%s", (language, expected) => {
  it("formats numbers and shares with the language's separators", () => {
    expect(formatNumber(language, 12_500)).toBe(expected.number);
    expect(formatNumber(language, 1234)).toBe(expected.small);
    expect(formatPercent(language, 0.025)).toBe(expected.percent);
  });

  it("writes whole numbers exactly as Intl.NumberFormat does, without creating one", () => {
    const intl = new Intl.NumberFormat({ en: "en-GB", fi: "fi-FI", pl: "pl-PL", fr: "fr-FR", nl: "nl-NL", pt: "pt-PT" }[language]);
    const values = [0, 7, 42, 999, 1000, 2000, 9999, 10_000, 12_345, 99_999, 100_000, 1_234_567, 2_147_483_648, Number.MAX_SAFE_INTEGER];
    for (const value of [...values, ...values.map((v) => -v), -0, 1.5, -2.25, 1234.5678]) {
      expect(formatNumber(language, value), String(value)).toBe(intl.format(value));
    }
  });

  it("formats a moment in the configured time zone, not the machine's", () => {
    expect(formatDateTime(language, "Europe/Helsinki", MOMENT)).toBe(expected.helsinki);
    expect(formatDateTime(language, "Europe/Lisbon", MOMENT)).toBe(expected.lisbon);
    expect(formatDate(language, "Europe/Helsinki", MOMENT)).toBe(expected.date);
  });

  it("formats a duration in the language's units", () => {
    expect(formatDuration(language, (2 * 60 + 5) * 60_000)).toBe(expected.duration);
  });
});

describe("time zones", () => {
  it("moves the date across midnight when the zone says so", () => {
    const lateUtc = Date.UTC(2026, 10, 24, 23, 30);
    expect(formatDate("fi", "Europe/Helsinki", lateUtc)).toBe("25.11.2026");
    expect(formatDate("fi", "UTC", lateUtc)).toBe("24.11.2026");
  });

  it("follows summer time in the zone", () => {
    const july = Date.UTC(2026, 6, 1, 9, 5);
    expect(formatDateTime("nl", "Europe/Amsterdam", july)).toBe("1 jul 2026, 11:05 CEST");
  });
});
