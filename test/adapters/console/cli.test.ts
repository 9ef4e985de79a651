// The real CLI spawned as a child process, as scripts and people use it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.ts";
import { useTempDir } from "../../helpers/tempDir.ts";

const HOSTING = "boulangerie-martin.fr";

const run = (args: string[], dataDir: string, input?: string, env: Record<string, string> = {}) =>
  runCli(args, { dataDir, input, env });

describe("mailbrake CLI", () => {
  const tempDir = useTempDir();

  it("--version and --help", async () => {
    const dir = await tempDir();
    const version = await run(["--version"], dir);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^mailbrake \d+\.\d+\.\d+\n$/);
    const help = await run(["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("mailbrake block example.com --yes");
  });

  it("--help --json: the commands and their arguments, from their declarations", async () => {
    const result = await run(["--help", "--json"], await tempDir());
    expect(result.code).toBe(0);
    const { commands } = JSON.parse(result.stdout);
    const recipient = commands.find((c: { name: string }) => c.name === "recipient");
    expect(recipient).toMatchObject({ minRole: "operator", changes: true, order: ["hosting", "email"] });
    expect(recipient.arguments.required).toEqual(["hosting", "email"]);
  });

  it("one-shot report saves its chart beside the data file and prints the path", async () => {
    const dir = await tempDir();
    const result = await run(["report", "sklep-nowak.pl"], dir);
    expect(result.code).toBe(0);
    const path = /→ (\S+\.png)$/m.exec(result.stdout)?.[1];
    expect(path?.startsWith(dir)).toBe(true);
    const png = await readFile(path ?? "");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("one-shot status all --json gives the provider's raw fields, exit 0", async () => {
    const dir = await tempDir();
    const result = await run(["status", "all", "--json"], dir);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.ok).toBe(true);
    expect(body.data.hostings).toHaveLength(3);
    expect(Object.keys(body.data.hostings[0])).toEqual(
      expect.arrayContaining(["name", "state", "sentToday", "maxPerDay", "sent", "bounce", "reportRecipient"]),
    );
  });

  it("block without --yes asks for it and changes nothing; with --yes it blocks", async () => {
    const dir = await tempDir();
    const asked = await run(["block", HOSTING], dir);
    expect(asked.code).toBe(3);
    expect(asked.stderr).toContain("add --yes");
    const before = JSON.parse((await run(["status", HOSTING, "--json"], dir)).stdout);
    expect(before.data.hostings[0].state).toBe("ok");
    const done = await run(["block", HOSTING, "scripted", "test", "--yes"], dir);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("Request sent successfully");
    const after = JSON.parse((await run(["status", HOSTING, "--json"], dir)).stdout);
    expect(after.data.hostings[0].state).toBe("ko");
  });

  it("bad input: a one-line reason and a non-zero exit", async () => {
    const dir = await tempDir();
    const unknown = await run(["status", "nosuch.fr"], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No hosting named “nosuch.fr”");
    // Already in the state asked for: success with a note (issue #17), not a refusal.
    const already = await run(["unblock", HOSTING, "--yes"], dir);
    expect(already.code).toBe(0);
    expect(already.stdout.trim()).toBe("Sending is already enabled on boulangerie-martin.fr.");
  });

  it("a corrupted data file stops start-up with a message naming it, and is left as it was", async () => {
    const dir = await tempDir();
    const { writeFile, readFile } = await import("node:fs/promises");
    const file = join(dir, "mailbrake.json");
    await writeFile(file, "{ not json");
    const result = await run(["status"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain("not valid JSON");
    expect(await readFile(file, "utf8")).toBe("{ not json");
  });

  it("a bad configuration names the variable and exits non-zero", async () => {
    const dir = await tempDir();
    const result = await run(["status"], dir, undefined, { MAILBRAKE_TZ: "Mars/Olympus", SLACK_BOT_TOKEN: "xoxb-secret-value-123" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("MAILBRAKE_TZ");
    expect(result.stderr).toContain("SLACK_SIGNING_SECRET");
    expect(result.stderr).not.toContain("xoxb-secret-value-123");
  });

  it("without a terminal and without a chat platform, npm start says what to configure and exits", async () => {
    const dir = await tempDir();
    const result = await run([], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("SLACK_BOT_TOKEN or DISCORD_TOKEN");
  });

  it("an interactive session through stdin: block → confirm → status shows the hold", async () => {
    const dir = await tempDir();
    const script = [`block ${HOSTING} testing a mailing script`, "y", `status ${HOSTING}`, "exit", ""].join("\n");
    const result = await run(["chat"], dir, script);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Confirm? [y/N]");
    expect(result.stdout).toContain("Request sent successfully: sending is blocked");
    expect(result.stdout).toContain("blocked the sending of emails of boulangerie-martin.fr");
    expect(result.stdout).toMatch(/Service state\s+disabled: sending stopped, e-mails held/);
    expect(result.stdout).toMatch(/Hold started\s+\d+ \w+ \d{4}/);
  });

  it("answering no to the question changes nothing", async () => {
    const dir = await tempDir();
    const result = await run(["chat"], dir, [`block ${HOSTING}`, "n", `status ${HOSTING}`, ""].join("\n"));
    expect(result.stdout).toContain("Cancelled. Nothing was changed.");
    expect(result.stdout).toMatch(/Service state\s+enabled/);
  });
});
