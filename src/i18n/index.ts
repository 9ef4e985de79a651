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

/** One language's catalog: every namespace file of locales/<language>/. */
function loadCatalog(language: Language): Catalog {
  const dir = join(localesDir, language);
  const catalog: Catalog = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    catalog[basename(file, ".json")] = JSON.parse(readFileSync(join(dir, file), "utf8"));
  }
  return catalog;
}

export function loadCatalogs(): Record<Language, Catalog> {
  const all = {} as Record<Language, Catalog>;
  for (const language of LANGUAGES) all[language] = loadCatalog(language);
  return all;
}

let instance: i18n | undefined;
/** Languages whose catalog is loaded: English (the fallback) first, the others when first asked for. */
const loaded = new Set<Language>();

function i18nInstance(language: Language): i18n {
  if (!instance) {
    const en = loadCatalog("en");
    const created = i18next.createInstance();
    created.init({
      initAsync: false,
      resources: { en },
      fallbackLng: "en",
      supportedLngs: [...LANGUAGES],
      ns: Object.keys(en),
      defaultNS: "core",
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
    instance = created;
    loaded.add("en");
  }
  if (!loaded.has(language) && LANGUAGES.includes(language)) {
    for (const [ns, bundle] of Object.entries(loadCatalog(language))) instance.addResourceBundle(language, ns, bundle);
    loaded.add(language);
  }
  return instance;
}

/** Maps a platform locale ("pt-BR", "fr_FR.UTF-8", "en-US") to a catalog language. */
export function toLanguage(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split(/[-_.@]/)[0];
  return LANGUAGES.find((language) => language === base);
}

export type Vars = Record<string, string | number | undefined>;

/**
 * Translations without variables (labels, headings), per language: the same every time, and a
 * card asks for several per command, each costing i18next a lookup through its options.
 */
const plainTexts = new Map<Language, Map<string, string>>();

/**
 * Templates (after i18next's fallback) whose only markup is `{{name}}`, per language; null for
 * a key i18next must translate itself. Filling them here spares a card's several lines with
 * variables i18next's options path on every command.
 */
const templates = new Map<Language, Map<string, string | null>>();

/** Per language and key, `make()`'s value, made once. */
function remembered<T>(cache: Map<Language, Map<string, T>>, language: Language, key: string, make: () => T): T {
  let forLanguage = cache.get(language);
  if (!forLanguage) {
    forLanguage = new Map();
    cache.set(language, forLanguage);
  }
  let value = forLanguage.get(key);
  if (value === undefined) {
    value = make();
    forLanguage.set(key, value);
  }
  return value;
}

function simpleTemplate(language: Language, key: string): string | null {
  return remembered(templates, language, key, () => {
    const i18n = i18nInstance(language);
    const raw = i18n.exists(key, { lng: language }) ? i18n.t(key, { lng: language, skipInterpolation: true }) : null;
    return typeof raw === "string" && !raw.includes("$t(") ? raw : null;
  });
}

/**
 * Per language and key: true when the key has no plural form in that language nor in English
 * (the fallback), so that a `count` is only one more variable in it ("{{count}} ({{share}})").
 */
const withoutPlurals = new Map<Language, Map<string, boolean>>();
const PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"];

function hasNoPlurals(language: Language, key: string): boolean {
  return remembered(withoutPlurals, language, key, () => {
    const i18n = i18nInstance(language);
    // exists() looks through the fallback language too.
    return !PLURAL_FORMS.some((form) => i18n.exists(`${key}_${form}`, { lng: language }));
  });
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** `template` with each `{{name}}` filled; undefined when a value is missing (i18next decides then). */
function fill(template: string, vars: Vars): string | undefined {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}

/** Translates `key` ("namespace:path.to.key", namespace defaults to core). */
export function translate(language: Language, key: string, vars?: Vars): string {
  if (vars && Object.keys(vars).length > 0) {
    // A context, or a count where the key has plural forms, chooses another key: i18next's work.
    const pluralOrContext = "context" in vars || ("count" in vars && !hasNoPlurals(language, key));
    const template = pluralOrContext ? null : simpleTemplate(language, key);
    const filled = template === null ? undefined : fill(template, vars);
    return filled ?? i18nInstance(language).t(key, { ...vars, lng: language });
  }
  return remembered(plainTexts, language, key, () => i18nInstance(language).t(key, { lng: language }));
}

/** A translator bound to one language. */
export type Translate = (key: string, vars?: Vars) => string;

export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}
