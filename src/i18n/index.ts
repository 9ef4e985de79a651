// Message catalogs through i18next: every user-facing word goes through `translate`.
// Catalogs live in locales/<language>/<namespace>.json; each area owns a namespace.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n } from "i18next";

export const LANGUAGES = ["en", "fi", "pl", "fr", "nl", "pt"] as const;
export type Language = (typeof LANGUAGES)[number];

const localesDir = fileURLToPath(new URL("./locales/", import.meta.url));

type Catalog = Record<string, Record<string, unknown>>;

export function loadCatalogs(): Record<Language, Catalog> {
  const all = {} as Record<Language, Catalog>;
  for (const language of LANGUAGES) {
    const dir = join(localesDir, language);
    const catalog: Catalog = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      catalog[basename(file, ".json")] = JSON.parse(readFileSync(join(dir, file), "utf8"));
    }
    all[language] = catalog;
  }
  return all;
}

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (instance) return instance;
  const catalogs = loadCatalogs();
  const created = i18next.createInstance();
  created.init({
    initAsync: false,
    resources: catalogs,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(catalogs.en),
    defaultNS: "core",
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

/** Maps a platform locale ("pt-BR", "fr_FR.UTF-8", "en-US") to a catalog language. */
export function toLanguage(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split(/[-_.@]/)[0];
  return LANGUAGES.find((language) => language === base);
}

export type Vars = Record<string, string | number | undefined>;

/** Translates `key` ("namespace:path.to.key", namespace defaults to core). */
export function translate(language: Language, key: string, vars: Vars = {}): string {
  return i18nInstance().t(key, { ...vars, lng: language });
}

/** A translator bound to one language. */
export type Translate = (key: string, vars?: Vars) => string;

export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}
