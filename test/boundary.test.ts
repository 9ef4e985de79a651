// Arrows point one way: the platform-neutral product never imports a chat library, and
// user-facing sentences live in the catalogs, not in code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("boundaries", () => {
  it("nothing under src/ imports @slack/bolt, @slack/web-api or discord.js", () => {
    const offenders = tsFiles(join(root, "src")).filter((file) =>
      /from\s+["'](@slack\/bolt|@slack\/web-api|discord\.js)["']|import\(["'](@slack\/bolt|discord\.js)["']\)/.test(
        readFileSync(file, "utf8"),
      ),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it("no user-facing sentence is written in code under src/ and adapters/", () => {
    // A sentence: a string literal of three or more words. Log lines, error messages for
    // operators (thrown at start-up), and zod messages naming a variable's form stay English.
    const allowed = /logger|log\.|\.(info|warn|error|debug|fatal|trace)\(|Error\(|message:|describe\(|hint:/;
    // Exempt: the providers' own refusal texts (the provider's words, like the real API's
    // answers, logged in English) and start-up configuration errors, which read like logs.
    // SQL statements of the PostgreSQL store are not sentences either.
    const exempt = /^src\/(hosting\/|store\/pg\/|config\.ts|policy\.ts)/;
    const found: string[] = [];
    const files = [...tsFiles(join(root, "src")), ...tsFiles(join(root, "adapters"))];
    for (const file of files.filter((f) => !exempt.test(relative(root, f)))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        const code = line.replace(/\/\/.*$/, "");
        if (/^\s*(\*|\/\*)/.test(line) || allowed.test(code)) return;
        for (const match of code.matchAll(/"([^"\\]*)"|`([^`$\\]*)`/g)) {
          const text = match[1] ?? match[2] ?? "";
          if (/^[A-Za-z][^{}]*\s\S+\s\S+/.test(text) && !/^[a-z0-9:._\-/ ]+$/.test(text)) {
            found.push(`${relative(root, file)}:${index + 1}: ${text}`);
          }
        }
      });
    }
    expect(found).toEqual([]);
  });
});
