// The catalogs stay complete and in step with the code: every key in every language with the
// same placeholders, and no key the code never uses.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flatten } from "../helpers/flatten.ts";
import { LANGUAGES, loadCatalogs } from "../../src/i18n/index.ts";

const catalogs = loadCatalogs();
const root = new URL("../../", import.meta.url).pathname;

function keysOf(language: (typeof LANGUAGES)[number]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [namespace, tree] of Object.entries(catalogs[language])) {
    for (const [key, text] of Object.entries(flatten(tree))) out[`${namespace}:${key}`] = text;
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? "").sort();
const base = (key: string) => key.replace(PLURAL, "");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const sources = [...sourceFiles(join(root, "src")), ...sourceFiles(join(root, "adapters"))]
  .map((file) => readFileSync(file, "utf8"));

/** Every string or template literal in the code, as a pattern a key may match. */
function usedKeyPatterns(): RegExp[] {
  const patterns: RegExp[] = [];
  for (const text of sources) {
    for (const match of text.matchAll(/(["'`])((?:[a-z]+:)?[a-zA-Z_]+(?:\.(?:[a-zA-Z_]+|\$\{[^}]+\}))*(?:\.\$\{[^}]+\})?)\1/g)) {
      const literal = match[2] ?? "";
      const qualified = literal.includes(":") ? literal : `core:${literal}`;
      const source = qualified
        .split(/\$\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("[A-Za-z0-9_]+");
      patterns.push(new RegExp(`^${source}$`));
    }
  }
  return patterns;
}

describe("message catalogs", () => {
  const english = keysOf("en");

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s has exactly the English keys", (language) => {
    const keys = keysOf(language);
    const bases = (k: Record<string, string>) => [...new Set(Object.keys(k).map(base))].sort();
    expect(bases(keys)).toEqual(bases(english));
  });

  it.each(LANGUAGES)("%s uses the same placeholders as English in every message", (language) => {
    const keys = keysOf(language);
    const byBase = new Map<string, string[]>();
    for (const [key, text] of Object.entries(english)) byBase.set(base(key), placeholders(text));
    for (const [key, text] of Object.entries(keys)) {
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: byBase.get(base(key)) });
    }
  });

  it("has no key the code never uses", () => {
    const patterns = usedKeyPatterns();
    const unused = [...new Set(Object.keys(english).map(base))].filter(
      (key) => !patterns.some((p) => p.test(key)),
    );
    expect(unused).toEqual([]);
  });
});
