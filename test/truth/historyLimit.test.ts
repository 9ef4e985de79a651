// Issue #17, case 10: `history [hosting] [--limit N]`: 20 records by default, N on request
// (at most 100), a bad N refused with a clear answer (exit 4 in the one-shot CLI); the same
// option in Discord (generated from the command's declaration) and in --json; the reason shown.
import { ApplicationCommandOptionType } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { commandDefinitions } from "../../adapters/discord/definitions.ts";
import { parseInvocation } from "../../adapters/discord/invocation.ts";
import { COMMANDS } from "../../src/core/commands/index.ts";
import { runCli } from "../helpers/cli.ts";
import { callbackOf, type DiscordRig, slash, startRig } from "../helpers/discord.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person, place } from "../helpers/testApp.ts";

const ADMIN = person("ADMIN");
const OTHER = "sklep-nowak.pl";
/** The lines of a history answer, its title left out. */
const lines = (text: string) => text.split("\n").slice(1);

interface HistoryJson {
  hosting: string | null;
  limit: number;
  records: { command: string; hosting: string | null; reason: string | null; event: string }[];
}

describe("history [hosting] [--limit N]", () => {
  const tempDir = useTempDir();

  it("20 by default, N on request, for one hosting or all, the reason shown", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    for (let i = 0; i < 15; i++) await ask(app, ADMIN, `status ${HOSTING}`);
    for (let i = 0; i < 15; i++) await ask(app, ADMIN, `status ${OTHER}`);
    await click(app, ADMIN, buttons(await ask(app, ADMIN, `block ${HOSTING} hacked contact form`))[0]!);

    expect(lines((await ask(app, ADMIN, "history")).text)).toHaveLength(20);
    expect(lines((await ask(app, ADMIN, "history --limit 5")).text)).toHaveLength(5);
    expect(lines((await ask(app, ADMIN, "history --limit 100")).text).length).toBeGreaterThan(30);
    const mine = await ask(app, ADMIN, `history ${HOSTING} --limit 3`);
    expect(lines(mine.text)).toHaveLength(3);
    expect(lines(mine.text).every((l) => l.includes(HOSTING))).toBe(true);
    expect(mine.text).toContain("reason: “hacked contact form”");
    const data = mine.data as HistoryJson;
    expect(data).toMatchObject({ hosting: HOSTING, limit: 3 });
    expect(data.records).toHaveLength(3);
    expect(data.records.some((r) => r.reason === "hacked contact form")).toBe(true);

    for (const bad of ["history --limit 0", "history --limit 101", "history --limit ten", "history --limit"]) {
      const reply = await ask(app, ADMIN, bad);
      expect(reply.failed).toBe(true);
      expect(reply.failedAs).toBe("usage");
      expect(reply.text).toMatch(/give a whole number from 1 to 100, e\.g\. --limit 50/);
    }
    expect((await ask(app, ADMIN, "help")).text).toContain("history [hosting] [--limit N]");
    await app.close();
  });

  it("in Discord: an integer option from the declaration, bound like the typed one", async () => {
    const [mail] = commandDefinitions(COMMANDS);
    const sub = mail!.options!.find((o) => o.name === "history") as { options: { name: string; type: number; min_value?: number; max_value?: number }[] };
    expect(sub.options.map((o) => o.name)).toEqual(["hosting", "limit"]);
    expect(sub.options[1]).toMatchObject({ type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 100 });

    const parsed = parseInvocation(
      [{ name: "history", type: ApplicationCommandOptionType.Subcommand, options: [{ name: "limit", type: ApplicationCommandOptionType.Integer, value: 2 }] }],
      COMMANDS,
    );
    expect(parsed).toEqual({ ok: true, invocation: { command: "history", values: { limit: "2" } } });
    const app = await makeTestApp({ dataDir: await tempDir() });
    for (let i = 0; i < 4; i++) await ask(app, person("V"), `status ${HOSTING}`);
    const reply = await app.engine.invoke({ actor: person("V", "discord"), place, language: "en", command: "history", values: { limit: "2" } });
    expect(lines(reply.text)).toHaveLength(2);
    const wrong = parseInvocation(
      [{ name: "history", type: ApplicationCommandOptionType.Subcommand, options: [{ name: "limit", type: ApplicationCommandOptionType.String, value: "2" }] }],
      COMMANDS,
    );
    expect(wrong.ok).toBe(false);
    await app.close();
  });

  it("the one-shot CLI (real binary): --limit with --json; a bad value exits 4 with one clear line", async () => {
    const dir = await tempDir();
    for (let i = 0; i < 3; i++) expect((await runCli(["status", HOSTING], { dataDir: dir })).code).toBe(0);
    const result = await runCli(["history", HOSTING, "--limit", "2", "--json"], { dataDir: dir });
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as { ok: boolean; data: HistoryJson };
    expect(body.ok).toBe(true);
    expect(body.data.limit).toBe(2);
    expect(body.data.records).toHaveLength(2);
    expect(body.data.records.every((r) => r.hosting === HOSTING && r.command === "status")).toBe(true);

    for (const args of [["history", "--limit", "0"], ["history", "--limit=500"], ["history", "--limit"], ["history", "--limit", "-3"]]) {
      const bad = await runCli(args, { dataDir: dir });
      expect(bad.code, args.join(" ")).toBe(4);
      expect(bad.stderr).toMatch(/is not a number of records: give a whole number from 1 to 100/);
      expect(bad.stdout).toBe("");
    }
    // Another command's option is bad usage too, never read as a hosting.
    const elsewhere = await runCli(["status", "--limit", "5"], { dataDir: dir });
    expect(elsewhere.code).toBe(4);
    expect(elsewhere.stderr).toContain("This command has no option “--limit”");
  });
});

describe("history --limit 100 in Discord (real discord.js, fake gateway)", () => {
  const tempDir = useTempDir();
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("a hundred records are all shown, in follow-ups past Discord's 2000 characters, none cut", async () => {
    rig = await startRig({ dataDir: await tempDir() });
    for (let i = 0; i < 120; i++) await ask(rig.app, person("V"), `status ${HOSTING}`);
    const who = { id: "100000000000000001", name: "Ana" };
    const command = slash(who, "history");
    // The integer option, as Discord sends it.
    (command.data as { options: { options: unknown[] }[] }).options[0]!.options = [{ type: 4, name: "limit", value: 100 }];
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const first = (await callbackOf(rig.fake, command)).data as { content: string; flags?: number };
    const followUps = () => rig!.fake.requestsTo("POST", new RegExp(`^/webhooks/\\d+/${command.token}$`));
    const shown = () => [first.content, ...followUps().map((r) => (r.body as { content: string }).content)].join("\n");
    // Waits on what arrives (a generous bound, never a measure of speed).
    await expect.poll(() => shown().split("\n").filter((l) => l.includes(HOSTING)).length, { timeout: 15_000 }).toBe(100);
    expect(shown()).not.toContain("…");
    for (const r of followUps()) {
      expect((r.body as { content: string }).content.length).toBeLessThanOrEqual(2000);
      expect((r.body as { flags?: number }).flags).toBe(64); // seen only by the asker, as the first part
    }
    expect(first.content.length).toBeLessThanOrEqual(2000);
  });
});
