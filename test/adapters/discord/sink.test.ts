// Channel posts through the REST API of the fake Discord: routing, deduplication, files,
// edits, and a missing channel or permission logged once without failing the post.
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/reply.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { HOSTING } from "../../helpers/testApp.ts";
import { CHANNEL, type DiscordRig, OPS_CHANNEL, startRig } from "../../helpers/discord.ts";

const HOSTING_CHANNEL = "600000000000000003";
const MISSING = "600000000000000404";
const FORBIDDEN = "600000000000000403";
const policy = { channels: { hostings: { [HOSTING]: { discord: HOSTING_CHANNEL } } } };
const reply: Reply = {
  text: "report",
  visibility: "channel",
  card: { title: "Daily report", tone: "info", blocks: [{ type: "text", text: "2 errors" }] },
};

describe("Discord channel sink", () => {
  const tempDir = useTempDir();
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const posted = (r: DiscordRig) =>
    r.fake.requestsTo("POST", /^\/channels\/\d+\/messages$/).map((p) => p.path.split("/")[2]);

  it("posts to the team channel, the hosting's channel and the origin channel, each once", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const refs = await rig.adapter.sink.post(reply, {
      hosting: HOSTING,
      origin: { platform: "discord", channel: CHANNEL },
    });
    expect(posted(rig)).toEqual([OPS_CHANNEL, HOSTING_CHANNEL, CHANNEL]);
    expect(refs.map((r) => r.channel)).toEqual([OPS_CHANNEL, HOSTING_CHANNEL, CHANNEL]);
    expect(refs.every((r) => r.platform === "discord" && /^\d+$/.test(r.id))).toBe(true);

    await rig.adapter.sink.post(reply, {
      hosting: "other.fr",
      origin: { platform: "discord", channel: OPS_CHANNEL },
    });
    await rig.adapter.sink.post(reply, { origin: { platform: "slack", channel: "C1" } });
    expect(posted(rig).slice(3)).toEqual([OPS_CHANNEL, OPS_CHANNEL]);
  });

  it("uses the policy's Discord channel when MAILBRAKE_DISCORD_CHANNEL is unset", async () => {
    rig = await startRig({
      dataDir: await tempDir(),
      policy: { channels: { discord: HOSTING_CHANNEL } },
      env: { MAILBRAKE_DISCORD_CHANNEL: "" },
    });
    await rig.adapter.sink.post(reply, {});
    expect(posted(rig)).toEqual([HOSTING_CHANNEL]);
  });

  it("sends a report's chart as a file and edits a posted message in place", async () => {
    rig = await startRig({ dataDir: await tempDir() });
    const data = Buffer.from("png bytes");
    const [ref] = await rig.adapter.sink.post(
      { ...reply, attachments: [{ filename: "chart.png", contentType: "image/png", data }] },
      {},
    );
    const [post] = rig.fake.requestsTo("POST", /^\/channels\//);
    expect(post!.files).toEqual([{ field: "files[0]", filename: "chart.png", size: data.length }]);
    expect(post!.body).toMatchObject({
      attachments: [{ id: 0, filename: "chart.png" }],
      allowed_mentions: { parse: [] },
    });

    await rig.adapter.sink.edit(ref!, { text: "Purge in progress", visibility: "channel" });
    const [edit] = rig.fake.requestsTo("PATCH", /^\/channels\//);
    expect(edit!.path).toBe(`/channels/${OPS_CHANNEL}/messages/${ref!.id}`);
    expect(edit!.body).toMatchObject({
      content: "Purge in progress",
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
    });
  });

  it("logs a missing channel or permission once, keeps posting elsewhere, and never throws", async () => {
    rig = await startRig({
      dataDir: await tempDir(),
      policy: { channels: { hostings: { [HOSTING]: { discord: FORBIDDEN } } } },
      env: { MAILBRAKE_DISCORD_CHANNEL: MISSING },
      fake: { channels: [CHANNEL, FORBIDDEN], forbiddenChannels: [FORBIDDEN] },
    });
    for (let i = 0; i < 3; i++) {
      const refs = await rig.adapter.sink.post(reply, {
        hosting: HOSTING,
        origin: { platform: "discord", channel: CHANNEL },
      });
      expect(refs.map((r) => r.channel)).toEqual([CHANNEL]);
    }
    const warnings = rig.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
    expect(warnings.map((w) => [w.channel, w.msg])).toEqual([
      [MISSING, "channel not found: check MAILBRAKE_DISCORD_CHANNEL and the policy's channels"],
      [FORBIDDEN, "the bot lacks Send Messages, Embed Links or Attach Files in this channel"],
    ]);
  });

  it("announces an executed action through the notifier like any other platform", async () => {
    rig = await startRig({ dataDir: await tempDir() });
    await rig.app.services.notifier.post(reply, { hosting: HOSTING });
    expect(posted(rig)).toEqual([OPS_CHANNEL]);
    expect(rig.app.sink.posts).toHaveLength(1);
  });

  it("waits out a rate limit (429) and delivers the post", async () => {
    rig = await startRig({ dataDir: await tempDir() });
    rig.fake.rateLimitOnce.add(OPS_CHANNEL);
    const refs = await rig.adapter.sink.post(reply, {});
    expect(refs.map((r) => r.channel)).toEqual([OPS_CHANNEL]);
    expect(posted(rig)).toEqual([OPS_CHANNEL, OPS_CHANNEL]);
    const warnings = rig.logs.map((l) => JSON.parse(l)).filter((l) => l.level >= 40);
    expect(warnings.map((w) => w.msg)).toEqual(["Discord rate limit: waiting"]);
  });
});
