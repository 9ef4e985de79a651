// One command, one declaration: the usage lines, the mutation's role and the argument binding
// all come from it, and a typed line and Discord's named options are bound the same way.
import { describe, expect, it } from "vitest";
import { type Args, bindValues, wordsToValues } from "../../src/core/args/bind.ts";
import { COMMANDS, MUTATING_COMMANDS, mutationOf } from "../../src/core/commands/index.ts";
import { commandSchema } from "../../src/core/commands/schema.ts";
import { usageLine } from "../../src/core/commands/usage.ts";
import { DEMO_HOSTINGS, type SandboxHostingSeed } from "../../src/hosting/sandbox/index.ts";
import { translator } from "../../src/i18n/index.ts";
import { MUTATIONS } from "../../src/store/schema.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, HOSTING, makeTestApp, person, place } from "../helpers/testApp.ts";

const local = { platform: "console" as const, id: "me", name: "me", groups: [] };
const ONE = DEMO_HOSTINGS.filter((h) => h.name === HOSTING);

describe("command declarations", () => {
  const tempDir = useTempDir();

  it("usage lines are generated from the arguments, in the reader's words", () => {
    const byName = Object.fromEntries(COMMANDS.map((c) => [c.name, c]));
    const en = translator("en");
    expect(COMMANDS.map((c) => usageLine(en, c))).toEqual([
      "help",
      "status [hosting|all]",
      "block <hosting> [reason]",
      "unblock <hosting>",
      "purge <hosting>",
      "recipient <hosting> <email>",
      "report [hosting|all]",
      "history [hosting] [--limit N]",
      "drill <hosting>",
      "advance <duration>",
    ]);
    expect(usageLine(translator("fr"), byName.block!)).toBe("block <hébergement> [motif]");
    expect(usageLine(translator("fi"), byName.recipient!)).toBe("recipient <webhotelli> <sähköposti>");
  });

  it("the commands that change something are the mutations the store records", () => {
    expect([...MUTATING_COMMANDS].sort()).toEqual([...MUTATIONS].sort());
  });

  it("a mutation's role is its command's", () => {
    for (const name of MUTATIONS) {
      expect(mutationOf(name).minRole).toBe(COMMANDS.find((c) => c.name === name)?.minRole);
    }
  });

  it("one presentation table per mutation: its buttons and tones, wherever it is shown", () => {
    const looks = Object.fromEntries(MUTATIONS.map((name) => [name, mutationOf(name).look]));
    expect(looks).toEqual({
      block: { button: "primary", offer: "danger", asking: "warning", done: "warning" },
      purge: { button: "danger", offer: "danger", asking: "danger", done: "danger" },
      unblock: { button: "primary", offer: "primary", asking: "warning", done: "success" },
      recipient: { button: "primary", offer: "primary", asking: "warning", done: "success" },
    });
  });

  it("the command schema lists each command's arguments", () => {
    const block = commandSchema(COMMANDS).find((c) => c.name === "block");
    expect(block).toEqual({
      name: "block",
      minRole: "operator",
      changes: true,
      sandboxOnly: false,
      order: ["hosting", "reason"],
      arguments: {
        type: "object",
        properties: {
          hosting: { type: "string", maxLength: 253, kind: "hosting" },
          reason: { type: "string", maxLength: 300, kind: "reason" },
        },
        required: ["hosting"],
        additionalProperties: false,
      },
    });
    expect(commandSchema(COMMANDS).find((c) => c.name === "advance")?.sandboxOnly).toBe(true);
  });

  describe("a typed line, bound", () => {
    /** What `run` receives for this line (hosting resolved, reason kept, e-mail checked). */
    async function bound(line: string, hostings?: SandboxHostingSeed[]): Promise<Args | string> {
      const app = await makeTestApp({ dataDir: await tempDir(), hostings });
      try {
        const [name, ...words] = line.split(" ");
        const command = app.engine.commands.find((c) => c.name === name)!;
        const values = await wordsToValues(command.args, words, app.engine.hostings);
        return await bindValues(command.args, values, app.engine.hostings).catch((e: Error) => e.message);
      } finally {
        await app.close();
      }
    }

    it.each([
      ["block", ONE, { hosting: HOSTING }],
      ["block testing the form", ONE, { hosting: HOSTING, reason: "testing the form" }],
      [`block ${HOSTING} testing`, ONE, { hosting: HOSTING, reason: "testing" }],
      ["block typo.example spam", ONE, "errors.unknownHosting"],
      ["block testing the form", undefined, "errors.unknownHosting"],
      ["block", undefined, "errors.hostingRequired"],
      ["recipient ops@example.com", ONE, { hosting: HOSTING, email: "ops@example.com" }],
      ["recipient ops@example.com", undefined, "errors.hostingRequired"],
      ["recipient", undefined, "errors.recipientMissing"],
      [`recipient ${HOSTING} nope`, undefined, "errors.badEmail"],
      ["status", ONE, { hostings: [HOSTING] }],
      ["status all", undefined, { hostings: ["boulangerie-martin.fr", "kahvila-aalto.fi", "sklep-nowak.pl"] }],
      ["history", undefined, {}],
      [`history ${HOSTING}`, undefined, { hosting: HOSTING }],
      [`history ${HOSTING} --limit 5`, undefined, { hosting: HOSTING, limit: 5 }],
      ["history --limit=100", undefined, { limit: 100 }],
      [`history --limit 7 ${HOSTING}`, undefined, { hosting: HOSTING, limit: 7 }],
      ["history --limit 0", undefined, "errors.badLimit"],
      ["history --limit 101", undefined, "errors.badLimit"],
      ["history --limit ten", undefined, "errors.badLimit"],
      ["history --limit", undefined, "errors.badLimit"],
      ["status --limit 5", undefined, "errors.notAnOption"],
      ["purge --limit=5", ONE, "errors.notAnOption"],
      ["advance 90m", undefined, { durationMs: 90 * 60_000 }],
      ["advance 15d", undefined, "errors.badDuration"],
    ])("%s (%#)", async (line, hostings, expected) => {
      expect(await bound(line, hostings)).toEqual(expected);
    });
  });

  it("Discord's named options and a typed line ask the same confirmation", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    try {
      const typed = await ask(app, person("U1", "console"), `block ${HOSTING} "contact form  hacked"`);
      const named = await app.engine.invoke({
        actor: person("U1", "console"),
        place,
        language: "en",
        command: "block",
        values: { hosting: HOSTING, reason: "contact form  hacked" },
      });
      expect(named.text).toBe(typed.text);
      expect(buttons(named)).toHaveLength(2);
      const bad = await app.engine.invoke({ actor: local, place, language: "en", command: "recipient", values: { hosting: HOSTING, email: "x" } });
      expect(bad.text).toBe((await ask(app, local, `recipient ${HOSTING} x`)).text);
      expect(bad.failed).toBe(true);
    } finally {
      await app.close();
    }
  });
});
