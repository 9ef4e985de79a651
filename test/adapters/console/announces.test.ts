// An action taken by a one-shot command (a script, a person at a server's terminal) is announced
// in the team's chat channels, as a click there would be: the real binary, a fake Slack Web API
// and a fake Discord REST API on 127.0.0.1.
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discordFake.ts";
import { FakeSlack } from "../../fakes/slackApi.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "../../fakes/slackRequests.ts";
import { runCli } from "../../helpers/cli.ts";
import { APP_ID, OPS_CHANNEL, TOKEN } from "../../helpers/discord.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { HOSTING } from "../../helpers/testApp.ts";

const tempDir = useTempDir();
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function chats() {
  const slack = await FakeSlack.start();
  const discord = await new FakeDiscord({ applicationId: APP_ID }).start();
  stops.push(() => slack.close(), () => discord.stop());
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    MAILBRAKE_SLACK_CHANNEL: "CTEAM",
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: discord.apiUrl,
    MAILBRAKE_DISCORD_CHANNEL: OPS_CHANNEL,
    MAILBRAKE_ADMINS: "console:*",
  };
  return { slack, discord, env };
}

describe("a one-shot action is announced in the chats", () => {
  it("block --yes posts one announcement to the Slack and the Discord team channels, with the reason", async () => {
    const { slack, discord, env } = await chats();
    const result = await runCli(["block", HOSTING, "hacked contact form", "--yes"], { dataDir: await tempDir(), env });
    expect(result.code).toBe(0);
    const slackPosts = slack.callsTo("chat.postMessage");
    expect(slackPosts).toHaveLength(1);
    expect(slackPosts[0]?.params).toMatchObject({ channel: "CTEAM" });
    expect(JSON.stringify(slackPosts[0]?.params)).toContain("hacked contact form");
    const discordPosts = discord.requestsTo("POST", /^\/channels\/\d+\/messages$/);
    expect(discordPosts.map((r) => r.path)).toEqual([`/channels/${OPS_CHANNEL}/messages`]);
    expect(JSON.stringify(discordPosts[0]?.body)).toContain(HOSTING);
  });

  it("a read, a refusal or a change left unconfirmed posts nothing", async () => {
    const { slack, discord, env } = await chats();
    const dataDir = await tempDir();
    expect((await runCli(["status", "all"], { dataDir, env })).code).toBe(0);
    expect((await runCli(["block", HOSTING, "testing"], { dataDir, env })).code).toBe(3);
    expect((await runCli(["unblock", HOSTING, "--yes"], { dataDir, env })).code).toBe(0);
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
    expect(discord.requestsTo("POST", /^\/channels\//)).toEqual([]);
  });
});
