// Issue #17, cases 8, 11 and 12: a CLI scripts can rely on (the real binary), Slack's entities
// decoded once and escaped once (the real Bolt receiver), the Discord announcement naming the
// person as a mention that pings nobody (the real discord.js client and the fake gateway).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clickBody, sendSigned, slashBody } from "../fakes/slackRequests.ts";
import { runCli } from "../helpers/cli.ts";
import { callbackOf, click, customIds, type DiscordRig, slash, startRig } from "../helpers/discord.ts";
import { type SlackHarness, startHarness } from "../helpers/slackApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { HOSTING } from "../helpers/testApp.ts";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;

describe("a CLI scripts can rely on (real binary)", () => {
  const tempDir = useTempDir();

  it("an unknown option is refused with the valid ones, exit 4, nothing run", async () => {
    const dir = await tempDir();
    const result = await runCli(["status", "--jsn"], { dataDir: dir });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("unknown option --jsn");
    expect(result.stderr).toContain("--yes -y --json --help -h --version -V");
    // After `--` a word may start with a dash (a block reason).
    const reason = await runCli(["block", HOSTING, "--yes", "--", "-x", "test"], { dataDir: dir });
    expect(reason.code).toBe(0);
  });

  it("--help documents the exit codes", async () => {
    const help = await runCli(["--help"], { dataDir: await tempDir() });
    expect(help.stdout).toContain("Exit codes:");
    expect(help.stdout).toMatch(/^ {2}4 {2}bad usage/m);
    expect(help.stdout).toMatch(/^ {2}2 {2}configuration, credentials or data file/m);
    expect(help.stdout).toMatch(/^ {2}5 {2}the provider could not be reached \(network, timeout, 5xx after retries\)/m);
  });

  it("doctor without credentials fails (exit 2): nothing could be checked", async () => {
    const result = await runCli(["doctor"], { dataDir: await tempDir() });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("uses the embedded sandbox");
  });

  it("a closed pipe ends quietly, without an EPIPE stack trace", async () => {
    const dir = await tempDir();
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, "doctor"], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C", MAILBRAKE_DATA_FILE: join(dir, "m.json") },
        stdio: ["ignore", "pipe", "pipe"],
      });
      // The reader goes away before the first line is written, as `| head -0` does.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).not.toContain("EPIPE");
    expect(result.stderr).not.toContain("    at ");
    expect(result.code).not.toBe(1);
  });
});

describe("Slack: entities decoded once on the way in, escaped once on the way out", () => {
  const tempDir = useTempDir();
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("a reason typed as `<script> & co` is kept as typed and shown escaped exactly once", async () => {
    const h = await startHarness({ dataDir: await tempDir(), policy: { roles: { operator: ["slack:UOP1"] } } });
    harness = h;
    h.fake.users.set("UOP1", { id: "UOP1", name: "alice", displayName: "Alice", locale: "en-US" });
    // What Slack sends for the typed text `<script> & co`.
    const text = `block ${HOSTING} &lt;script&gt; &amp; co`;
    await sendSigned(h.base, slashBody({ user: "UOP1", text, responseUrl: h.fake.responseUrl("cmd") }));
    await h.fake.waitForResponses(1);
    const card = h.fake.responses[0] as Record<string, unknown>;
    const shown = JSON.stringify(card.blocks);
    expect(shown).toContain("&lt;script&gt; &amp; co");
    expect(shown).not.toContain("&amp;lt;");
    expect(shown).not.toContain("&amp;amp;");
    const confirm = (card.blocks as { elements?: { action_id?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id)
      .find((id) => id?.startsWith("mb:ok:"));
    await sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl("click") }));
    await h.fake.waitForResponses(2);
    expect(JSON.stringify(h.fake.responses[1])).not.toContain("&amp;lt;");
    const post = h.fake.callsTo("chat.postMessage")[0]!;
    expect(String(post.params.blocks)).toContain("&lt;script&gt; &amp; co");
    expect(String(post.params.blocks)).not.toContain("&amp;lt;");
    expect((await h.app.services.store.holds.get(HOSTING))?.reason).toBe("<script> & co");
  });
});

describe("Discord: the announcement names the person as a mention that pings nobody", () => {
  const tempDir = useTempDir();
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("a display name cannot be spoofed: <@id>, with no allowed mentions", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy: { roles: { operator: ["discord:100000000000000001"] } } });
    const who = { id: "100000000000000001", name: "The Boss" };
    const command = slash(who, "block", { hosting: HOSTING });
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const [confirm] = customIds((await callbackOf(rig.fake, command)).data);
    const press = click(who, confirm!);
    rig.fake.dispatch("INTERACTION_CREATE", press);
    await callbackOf(rig.fake, press);
    const posts = rig.fake.requestsTo("POST", /^\/channels\/\d+\/messages$/);
    const body = posts[0]!.body as { embeds: { description: string }[]; allowed_mentions: unknown };
    expect(body.embeds[0]!.description).toMatch(/^<@100000000000000001> blocked the sending of emails/);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});
