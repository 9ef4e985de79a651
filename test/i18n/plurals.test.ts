// Plurals through the real translate function: Polish has three forms for whole numbers
// (one, few, many), the other languages two; every plural key carries the forms its language needs.
import { describe, expect, it } from "vitest";
import { LANGUAGES, loadCatalogs, translate } from "../../src/i18n/index.ts";

const catalogs = loadCatalogs();

function flatKeys(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    flatKeys(inner, prefix ? `${prefix}.${key}` : key),
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

describe("Polish plurals", () => {
  it.each([
    [1, "1 hosting"],
    [2, "2 hostingi"],
    [5, "5 hostingów"],
    [22, "22 hostingi"],
    [25, "25 hostingów"],
  ])("status title for %i hostings: %s", (count, expected) => {
    expect(translate("pl", "status.allTitle", { count })).toBe(expected);
  });

  it.each([
    [1, "1 ostatni błąd"],
    [2, "2 ostatnie błędy"],
    [5, "5 ostatnich błędów"],
    [22, "22 ostatnie błędy"],
    [25, "25 ostatnich błędów"],
  ])("error report summary for %i errors starts with %s", (count, expected) => {
    const text = translate("pl", "report.summary", { count, sent: "10", share: "1%" });
    expect(text.startsWith(`${expected} ·`)).toBe(true);
  });

  it.each([
    [1, "1 hosting)"],
    [2, "2 hostingi)"],
    [5, "5 hostingów)"],
    [22, "22 hostingi)"],
    [25, "25 hostingów)"],
  ])("terminal welcome for %i hostings says %s", (count, expected) => {
    expect(translate("pl", "console:welcome", { count, provider: "sandbox" })).toContain(expected);
  });

  it("12 to 14 take the many form, unlike 2 to 4 (a classic mistake)", () => {
    expect(translate("pl", "status.allTitle", { count: 12 })).toBe("12 hostingów");
    expect(translate("pl", "status.allTitle", { count: 14 })).toBe("14 hostingów");
    expect(translate("pl", "status.allTitle", { count: 104 })).toBe("104 hostingi");
  });
});

describe("two-form languages", () => {
  it.each([
    ["en", 1, "1 hosting"],
    ["en", 2, "2 hostings"],
    ["fr", 1, "1 hébergement"],
    ["fr", 5, "5 hébergements"],
    ["fi", 1, "1 webhotelli"],
    ["fi", 22, "22 webhotellia"],
    ["nl", 1, "1 hosting"],
    ["nl", 25, "25 hostings"],
    ["pt", 1, "1 alojamento"],
    ["pt", 2, "2 alojamentos"],
  ] as const)("%s: %i → %s", (language, count, expected) => {
    expect(translate(language, "status.allTitle", { count })).toBe(expected);
  });

  it("French puts 0 in the singular, unlike English", () => {
    expect(translate("fr", "status.allTitle", { count: 0 })).toBe("0 hébergement");
    expect(translate("en", "status.allTitle", { count: 0 })).toBe("0 hostings");
  });
});

describe("plural forms in every catalog", () => {
  it.each(LANGUAGES)("%s has each form its language uses for whole numbers", (language) => {
    const rules = new Intl.PluralRules(language);
    const needed = new Set([0, 1, 2, 3, 5, 11, 12, 22, 25, 101, 1000].map((n) => rules.select(n)));
    const missing: string[] = [];
    for (const [namespace, tree] of Object.entries(catalogs[language])) {
      const keys = flatKeys(tree);
      const bases = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
      for (const base of bases) {
        for (const form of needed) {
          if (!keys.includes(`${base}_${form}`)) missing.push(`${namespace}:${base}_${form}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("Polish needs exactly one, few and many for whole numbers", () => {
    const rules = new Intl.PluralRules("pl");
    expect([1, 2, 5, 22, 25].map((n) => rules.select(n))).toEqual(["one", "few", "many", "few", "many"]);
  });
});
