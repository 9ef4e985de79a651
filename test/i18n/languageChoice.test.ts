// Which language a person gets: the platform's locale mapped to a catalog language, and in the
// terminal LC_ALL / LC_MESSAGES / LANG, else MAILBRAKE_LOCALE.
import { describe, expect, it } from "vitest";
import { terminalLanguage } from "../../adapters/console/actor.ts";
import { envSchema } from "../../src/config.ts";
import { toLanguage } from "../../src/i18n/index.ts";

describe("platform locales", () => {
  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["fr_FR.UTF-8", "fr"],
    ["FI-fi", "fi"],
    ["fi_FI@euro", "fi"],
    ["pl-PL", "pl"],
    ["nl-BE", "nl"],
    ["pt-BR", "pt"],
    ["pt_PT.utf8", "pt"],
    ["en-US", "en"],
    ["en_GB.UTF-8", "en"],
  ])("%s → %s", (locale, language) => {
    expect(toLanguage(locale)).toBe(language);
  });

  it.each(["C", "C.UTF-8", "POSIX", "de-DE", "sv-SE", "fil-PH", "nb_NO", "", undefined, null])(
    "%j has no catalog of its own",
    (locale) => {
      expect(toLanguage(locale)).toBeUndefined();
    },
  );
});

describe("the terminal's language", () => {
  it("LC_ALL wins over LC_MESSAGES, which wins over LANG", () => {
    expect(terminalLanguage({ LC_ALL: "pl_PL.UTF-8", LC_MESSAGES: "nl_NL", LANG: "fr_FR" }, "en")).toBe("pl");
    expect(terminalLanguage({ LC_MESSAGES: "nl_NL.UTF-8", LANG: "fr_FR" }, "en")).toBe("nl");
    expect(terminalLanguage({ LANG: "pt_PT.UTF-8" }, "en")).toBe("pt");
  });

  it("a C locale (as in most containers) falls through to MAILBRAKE_LOCALE, then English", () => {
    expect(terminalLanguage({ LC_ALL: "C.UTF-8" }, "fi")).toBe("fi");
    expect(terminalLanguage({ LANG: "de_DE.UTF-8" }, "fr")).toBe("fr");
    expect(terminalLanguage({}, envSchema.parse({}).MAILBRAKE_LOCALE)).toBe("en");
  });

  it("MAILBRAKE_LOCALE accepts only the six languages", () => {
    expect(envSchema.parse({ MAILBRAKE_LOCALE: "pl" }).MAILBRAKE_LOCALE).toBe("pl");
    expect(envSchema.safeParse({ MAILBRAKE_LOCALE: "de" }).success).toBe(false);
  });
});
