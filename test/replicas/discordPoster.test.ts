// Discord with replicas on one database: only the leader holds the gateway, but an action
// carried out on another replica (here a Slack click) is announced in Discord too, once.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discordFake.ts";
import { FakeSlack } from "../fakes/slackApi.ts";
import { BOT_TOKEN, clickBody, SIGNING_SECRET, sendSigned, slashBody } from "../fakes/slackRequests.ts";
import { APP_ID, OPS_CHANNEL, TOKEN } from "../helpers/discord.ts";
import { freshDatabase } from "../helpers/pg.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { HOSTING } from "../helpers/testApp.ts";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;
const tempDir = useTempDir();
const children: ChildProcess[] = [];
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function replica(env: Record<string, string>): Promise<() => string> {
  const dir = await tempDir();
  let output = "";
  const child = spawn(process.execPath, [bin], {
    cwd: dir,
    env: { PATH: process.env.PATH, MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"), LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("mailbrake started")) resolve();
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
  });
  return () => output;
}

const actionIds = (message: Record<string, unknown>): string[] =>
  ((message.blocks as { type: string; elements?: { action_id: string }[] }[] | undefined) ?? []).flatMap((b) =>
    b.type === "actions" ? (b.elements ?? []).map((e) => e.action_id) : [],
  );

describe("Discord announcements from every replica", () => {
  it("a block confirmed in Slack on a replica that does not lead is announced in Discord once", { timeout: 90_000 }, async () => {
    const discord = await new FakeDiscord({ applicationId: APP_ID }).start();
    stops.push(() => discord.stop());
    const slack = await FakeSlack.start();
    stops.push(() => slack.close());
    const url = await freshDatabase();
    const common = {
      DATABASE_URL: url,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: discord.apiUrl,
      MAILBRAKE_DISCORD_CHANNEL: OPS_CHANNEL,
      MAILBRAKE_ADMINS: "slack:UOP1",
    };
    await replica(common);
    await discord.waitFor(() => discord.opsReceived(2).length === 1, "the leader's IDENTIFY", 15_000);
    const port = await freePort();
    const follower = await replica({
      ...common,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
    });
    expect(follower()).not.toContain("Discord adapter ready");
    const base = `http://127.0.0.1:${port}`;

    await sendSigned(base, slashBody({ user: "UOP1", text: `block ${HOSTING} hacked form`, responseUrl: slack.responseUrl("cmd") }));
    await slack.waitForResponses(1);
    const [confirm] = actionIds(slack.responses[0] as Record<string, unknown>);
    expect(confirm).toMatch(/^mb:ok:/);
    await sendSigned(base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: slack.responseUrl("click") }));

    const announcedHere = (body: unknown) => JSON.stringify(body).includes(HOSTING);
    await discord.waitFor(
      () => discord.requestsTo("POST", new RegExp(`^/channels/${OPS_CHANNEL}/messages$`)).some((r) => announcedHere(r.body)),
      "the announcement in Discord",
      30_000,
    );
    const posts = discord.requestsTo("POST", /^\/channels\/\d+\/messages$/).filter((r) => announcedHere(r.body));
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.body)).toContain("hacked form");
  });
});
