// Arrows point one way: adapters → core ← jobs; core → hosting port, store port. The
// platform-neutral product never imports a chat library, and user-facing sentences live in
// the catalogs, not in code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, type Edge, edgesOf, type Graph, importGraph } from "./helpers/imports.ts";

const root = new URL("../", import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The start-up path: it builds the product and may know every part of it. */
const COMPOSITION = new Set(["src/app.ts", "src/boot.ts", "src/bot.ts", "src/cli.ts"]);
/** What an adapter may be given: the product built (app.ts) or built for it (boot.ts). */
const GIVEN = new Set(["src/app.ts", "src/boot.ts"]);
const inCore = (file: string) => file.startsWith("src/core/");
const inJobs = (file: string) => file.startsWith("src/jobs/");
const inAdapters = (file: string) => file.startsWith("adapters/");
const adapterOf = (file: string) => file.split("/")[1];
/** A hosting provider (OVHcloud, the sandbox) rather than the port they implement. */
const hostingImplementation = (file: string) => /^src\/hosting\/(ovh\/|sandbox\/|open)/.test(file);
/** The store's implementations; the core is handed a store and uses its port and schema. */
const storeImplementation = (edge: Edge) =>
  /^src\/store\/(embedded|pg)\//.test(edge.to) ||
  (edge.to.startsWith("src/store/") && !edge.typeOnly && !/^src\/store\/(port|schema)\.ts$/.test(edge.to));
/** What the core stands on: it imports none of the layers above it. */
const belowCore = (file: string) =>
  /^src\/(hosting|store|i18n)\//.test(file) || /^src\/(policy|config|errors|clock|logger)\.ts$/.test(file);
const above = (file: string) => inCore(file) || inJobs(file) || inAdapters(file) || COMPOSITION.has(file);

const RULES: Record<string, (edge: Edge) => boolean> = {
  "the core imports no job": (e) => inCore(e.from) && inJobs(e.to),
  "the core imports no adapter": (e) => inCore(e.from) && inAdapters(e.to),
  "the core imports no hosting provider, only the hosting port": (e) => inCore(e.from) && hostingImplementation(e.to),
  "the core imports only the store's types or port": (e) => inCore(e.from) && storeImplementation(e),
  "the core is given its settings: it imports neither the start-up path nor the environment": (e) =>
    inCore(e.from) && (COMPOSITION.has(e.to) || e.to === "src/config.ts"),
  "what the core stands on imports no core, job, adapter or start-up path": (e) => belowCore(e.from) && above(e.to),
  "jobs import no adapter, no start-up path and no hosting provider": (e) =>
    inJobs(e.from) && (inAdapters(e.to) || COMPOSITION.has(e.to) || hostingImplementation(e.to)),
  "adapters import no job, no hosting provider and not the start-up path": (e) =>
    inAdapters(e.from) && (inJobs(e.to) || hostingImplementation(e.to) || (COMPOSITION.has(e.to) && !GIVEN.has(e.to))),
  "an adapter imports no other adapter": (e) =>
    inAdapters(e.from) && inAdapters(e.to) && adapterOf(e.from) !== adapterOf(e.to),
  "only the start-up path imports an adapter": (e) => e.from.startsWith("src/") && inAdapters(e.to) && !COMPOSITION.has(e.from),
};

/** One import that breaks each rule: the rules are checked against these first. */
const BREAKS: Record<string, Edge> = {
  "the core imports no job": edge("src/core/commands/report.ts", "src/jobs/onDemand.ts"),
  "the core imports no adapter": edge("src/core/engine.ts", "adapters/console/render.ts"),
  "the core imports no hosting provider, only the hosting port": edge("src/core/commands/advance.ts", "src/hosting/sandbox/index.ts", true),
  "the core imports only the store's types or port": edge("src/core/holds.ts", "src/store/embedded/embeddedStore.ts", true),
  "the core is given its settings: it imports neither the start-up path nor the environment": edge("src/core/engine.ts", "src/config.ts"),
  "what the core stands on imports no core, job, adapter or start-up path": edge("src/policy.ts", "src/core/actor.ts", true),
  "jobs import no adapter, no start-up path and no hosting provider": edge("src/jobs/jobs.ts", "src/app.ts", true),
  "adapters import no job, no hosting provider and not the start-up path": edge("adapters/slack/start.ts", "src/bot.ts", true),
  "an adapter imports no other adapter": edge("adapters/discord/render.ts", "adapters/slack/escape.ts"),
  "only the start-up path imports an adapter": edge("src/jobs/alerts.ts", "adapters/console/render.ts"),
};

function edge(from: string, to: string, typeOnly = false): Edge {
  return { from, to, typeOnly };
}

const graph: Graph = importGraph(root, ["src", "adapters"]);

describe("arrows point one way: adapters → core ← jobs; core → hosting port, store port", () => {
  it("each rule catches the import that breaks it", () => {
    for (const [rule, broken] of Object.entries(RULES)) {
      const example = BREAKS[rule];
      expect(example, rule).toBeDefined();
      expect(broken(example as Edge), rule).toBe(true);
    }
  });

  it.each(Object.keys(RULES))("%s", (rule) => {
    const broken = RULES[rule] as (edge: Edge) => boolean;
    const offenders = edgesOf(graph).filter(broken).map((e) => `${e.from} → ${e.to}`);
    expect(offenders).toEqual([]);
  });

  it("no import cycle, types included", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("the cycle finder finds a cycle", () => {
    const loop: Graph = new Map([
      ["a.ts", [edge("a.ts", "b.ts")]],
      ["b.ts", [edge("b.ts", "a.ts", true)]],
      ["c.ts", [edge("c.ts", "a.ts")]],
    ]);
    expect(cycles(loop)).toEqual([["a.ts", "b.ts"]]);
  });

  it("reads type-only, dynamic and re-exporting imports", () => {
    const from = (file: string) => (graph.get(file) ?? []).map((e) => `${e.to}${e.typeOnly ? " (types)" : ""}`);
    expect(from("src/bot.ts")).toEqual(expect.arrayContaining(["adapters/slack/start.ts", "adapters/discord/start.ts"]));
    expect(from("src/core/services.ts")).toContain("src/store/port.ts (types)");
    expect(from("src/jobs/index.ts")).toContain("src/jobs/onDemand.ts");
  });
});

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
