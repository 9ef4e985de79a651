// The real entry point (bin/mailbrake.js) as a child process with DISCORD_TOKEN set: it logs
// in to the fake Discord, registers /mail, answers a command, and stops cleanly on SIGTERM,
// also when the signal comes while it is still starting.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discordFake.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { APP_ID, callbackOf, discordBotEnv, slash, TOKEN } from "../../helpers/discord.ts";

const root = new URL("../../../", import.meta.url).pathname;

/** bin/mailbrake.js with DISCORD_TOKEN set, against the fake; its output as it comes. */
function startBot(apiUrl: string, dir: string): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, [join(root, "bin/mailbrake.js")], {
    cwd: dir,
    env: discordBotEnv(apiUrl, dir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

describe("mailbrake with DISCORD_TOKEN", () => {
  const tempDir = useTempDir();
  let fake: FakeDiscord | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await fake?.stop();
  });

  it("starts the Discord adapter, answers /mail status, and exits 0 on SIGTERM", async () => {
    fake = await new FakeDiscord({ applicationId: APP_ID }).start();
    const bot = startBot(fake.apiUrl, await tempDir());
    child = bot.child;
    const f = fake;
    await f.waitFor(
      () => f.requests.some((r) => r.method === "PUT"),
      "command registration",
      15_000,
    );
    await f.waitFor(() => f.opsReceived(2).length === 1, "IDENTIFY", 15_000);

    const command = slash({ id: "100000000000000001" }, "status", {});
    f.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(f, command);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(answer.data)).toContain("boulangerie-martin.fr");

    const exited = new Promise<number | null>((resolve) =>
      child?.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(bot.output()).toContain("Discord adapter ready");
    expect(bot.output()).not.toContain(TOKEN);
  });

  it("a SIGTERM during start-up lets the start finish, then exits 0", async () => {
    fake = await new FakeDiscord({ applicationId: APP_ID }).start();
    let release: (() => void) | undefined;
    fake.holdRegistration = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bot = startBot(fake.apiUrl, await tempDir());
    child = bot.child;
    const f = fake;
    // The start is held at the command registration: the stop is asked midway.
    await f.waitFor(() => f.requests.some((r) => r.method === "PUT"), "command registration", 15_000);
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    release?.();
    expect(await exited).toBe(0);
    expect(bot.output()).toContain("mailbrake started");
  });
});
