// `translate` fills plain `{{name}}` templates itself: for every key of every language, with
// every variable given, one missing, or numbers, its text is the one i18next gives.
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { flatten } from "../helpers/flatten.ts";
import { LANGUAGES, loadCatalogs, translate, type Vars } from "../../src/i18n/index.ts";

const catalogs = loadCatalogs();
const reference = i18next.createInstance();
await reference.init({
  initAsync: false,
  resources: catalogs,
  fallbackLng: "en",
  ns: Object.keys(catalogs.en),
  defaultNS: "core",
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of the English catalog (the fallback), plural forms by their base key. */
const keys = [
  ...new Set(
    Object.entries(catalogs.en).flatMap(([namespace, tree]) =>
      Object.keys(flatten(tree)).map((key) => `${namespace}:${key.replace(PLURAL, "")}`),
    ),
  ),
];

const namesIn = (key: string) => {
  const text = reference.t(key, { lng: "en", skipInterpolation: true, count: 2 });
  return [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string);
};

describe("translate fills templates as i18next does", () => {
  it.each(LANGUAGES)("%s: all variables, one missing, numbers and a count", (language) => {
    let compared = 0;
    for (const key of keys) {
      const names = namesIn(key);
      const cases: Vars[] = [
        Object.fromEntries(names.map((name) => [name, `‹${name}›`])),
        Object.fromEntries(names.map((name, i) => [name, i * 1000 + 0.5])),
        { ...Object.fromEntries(names.slice(1).map((name) => [name, "x"])), unused: "y" },
        { ...Object.fromEntries(names.map((name) => [name, "z"])), count: 1 },
        // Counts that pick each form (Polish: one, few, many; 0), and one already formatted.
        ...[0, 2, 5, 22, "4,213"].map((count) => ({
          ...Object.fromEntries(names.map((name) => [name, "z"])),
          count,
        })),
      ];
      for (const vars of cases) {
        expect(translate(language, key, vars), `${language} ${key} ${JSON.stringify(vars)}`).toBe(
          reference.t(key, { ...vars, lng: language }),
        );
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(900);
  });
});
