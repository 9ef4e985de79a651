// Discord with replicas on one database: one gateway session for the whole deployment, held by
// the leader; when the leader dies, the replica that takes the lease opens the session and
// answers. (The lease's 15 s are simulated by moving its deadline into the past.)
import { type ChildProcess, spawn } from "node:child_process";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discordFake.ts";
import { APP_ID, callbackOf, discordBotEnv, slash } from "../helpers/discord.ts";
import { freshDatabase } from "../helpers/pg.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;
const tempDir = useTempDir();
const children: ChildProcess[] = [];
let fake: FakeDiscord | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await fake?.stop();
});

async function replica(url: string, apiUrl: string): Promise<{ child: ChildProcess; output: () => string }> {
  const dir = await tempDir();
  let output = "";
  const child = spawn(process.execPath, [bin], {
    cwd: dir,
    env: discordBotEnv(apiUrl, dir, { DATABASE_URL: url }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const started = new Promise<void>((resolve) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("mailbrake started")) resolve();
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
  });
  await started;
  return { child, output: () => output };
}

describe("Discord with replicas", () => {
  it("one gateway session, held by the leader; it moves with the lease", { timeout: 90_000 }, async () => {
    fake = await new FakeDiscord({ applicationId: APP_ID }).start();
    const f = fake;
    const url = await freshDatabase();
    const a = await replica(url, f.apiUrl);
    await f.waitFor(() => f.opsReceived(2).length === 1, "the leader's IDENTIFY", 15_000);
    const b = await replica(url, f.apiUrl);
    expect(f.opsReceived(2)).toHaveLength(1);
    expect(b.output()).not.toContain("Discord adapter ready");

    a.child.kill("SIGKILL");
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query("UPDATE mb_lease SET expires_at = now() - interval '1 second'");
    await db.end();
    await f.waitFor(() => f.opsReceived(2).length === 2, "the new leader's IDENTIFY", 30_000);

    const command = slash({ id: "100000000000000002" }, "status", {});
    f.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(f, command);
    expect(JSON.stringify(answer.data)).toContain("boulangerie-martin.fr");
    expect(b.output()).toContain("Discord adapter ready");
  });
});
