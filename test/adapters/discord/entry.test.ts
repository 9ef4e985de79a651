// The real entry point (bin/mailbrake.js) as a child process with DISCORD_TOKEN set: it logs
// in to the fake Discord, registers /mail, answers a command, and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discordFake.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { APP_ID, callbackOf, slash, TOKEN } from "../../helpers/discord.ts";

const root = new URL("../../../", import.meta.url).pathname;

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
    const dir = await tempDir();
    let output = "";
    child = spawn(process.execPath, [join(root, "bin/mailbrake.js")], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: fake.apiUrl,
        MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
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
    expect(output).toContain("Discord adapter ready");
    expect(output).not.toContain(TOKEN);
  });
});
