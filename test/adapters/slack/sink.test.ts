// Channel posts through the real WebClient against the fake Slack: routing, 429 handling,
// a channel the bot is not in, chart uploads (files.uploadV2) and in-place edits.
import { webApi } from "@slack/bolt";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { SlackSink } from "../../../adapters/slack/sink.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { emptyPolicy, type Policy } from "../../../src/policy.ts";
import { FakeSlack } from "../../fakes/slackApi.ts";
import { BOT_TOKEN } from "../../fakes/slackRequests.ts";

const reply: Reply = { text: "Alice blocked the sending of emails of a.example", visibility: "channel" };

describe("SlackSink", () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setup(options: { channel?: string; policy?: Partial<Policy> } = {}) {
    fake = await FakeSlack.start();
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const sleeps: number[] = [];
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const sink = new SlackSink(client, {
      channel: "channel" in options ? options.channel : "CTEAM",
      policy: { ...emptyPolicy(), ...options.policy },
      logger,
      sleep: async (ms) => void sleeps.push(ms),
    });
    return { fake, sink, logs, sleeps };
  }

  it("posts to the team channel, the hosting's channel and the origin, each once", async () => {
    const { fake, sink } = await setup({
      policy: { channels: { slack: "CTEAM", hostings: { "a.example": { slack: "CSHOP" } } } },
    });
    const refs = await sink.post(reply, { hosting: "a.example", origin: { platform: "slack", channel: "CSHOP" } });
    expect(fake.callsTo("chat.postMessage").map((c) => c.params.channel)).toEqual(["CTEAM", "CSHOP"]);
    expect(refs).toEqual([
      { platform: "slack", channel: "CTEAM", id: "1700000000.000001" },
      { platform: "slack", channel: "CSHOP", id: "1700000000.000002" },
    ]);
  });

  it("does not post to a direct message or another platform's channel", async () => {
    const { sink } = await setup();
    expect(sink.channelsFor({ origin: { platform: "slack", channel: "D123" } })).toEqual(["CTEAM"]);
    expect(sink.channelsFor({ origin: { platform: "discord", channel: "C999" } })).toEqual(["CTEAM"]);
    expect(sink.channelsFor({ origin: { platform: "slack", channel: "G77" } })).toEqual(["CTEAM", "G77"]);
  });

  it("waits out a 429 for its Retry-After, then posts", async () => {
    const { fake, sink, sleeps } = await setup();
    let refusals = 2;
    fake.on("chat.postMessage", (params) =>
      refusals-- > 0
        ? { status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } }
        : { ok: true, channel: params.channel, ts: "1.000001" },
    );
    const refs = await sink.post(reply, {});
    expect(sleeps).toEqual([7000, 7000]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(3);
    expect(refs).toEqual([{ platform: "slack", channel: "CTEAM", id: "1.000001" }]);
  });

  it("gives up after a bounded number of 429s, without throwing", async () => {
    const { fake, sink, sleeps, logs } = await setup();
    fake.on("chat.postMessage", () => ({ status: 429, headers: { "retry-after": "3600" }, body: { ok: false, error: "ratelimited" } }));
    expect(await sink.post(reply, {})).toEqual([]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(4);
    expect(sleeps).toEqual([60_000, 60_000, 60_000]);
    expect(logs.filter((l) => l.msg === "slack rate limit: post given up")).toHaveLength(1);
  });

  it("a channel the bot is not in: one clear log line with a hint, other channels still get the post", async () => {
    const { fake, sink, logs } = await setup({ policy: { channels: { slack: "CSECRET", hostings: {} } } });
    fake.on("chat.postMessage", (params) =>
      params.channel === "CSECRET" ? { ok: false, error: "not_in_channel" } : { ok: true, channel: params.channel, ts: "2.000001" },
    );
    for (let i = 0; i < 3; i++) expect(await sink.post(reply, {})).toEqual([{ platform: "slack", channel: "CTEAM", id: "2.000001" }]);
    const lines = logs.filter((l) => l.channel === "CSECRET");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, slackError: "not_in_channel" });
    expect(String(lines[0]!.hint)).toContain("/invite @mailbrake");
  });

  it("another Slack error on one channel is logged; the other channels still get the post", async () => {
    const { fake, sink, logs } = await setup({ policy: { channels: { slack: "COTHER", hostings: {} } } });
    fake.on("chat.postMessage", (params) =>
      params.channel === "CTEAM" ? { ok: false, error: "invalid_blocks" } : { ok: true, channel: params.channel, ts: "3.000001" },
    );
    expect(await sink.post(reply, {})).toEqual([{ platform: "slack", channel: "COTHER", id: "3.000001" }]);
    expect(fake.callsTo("chat.postMessage").map((c) => c.params.channel)).toEqual(["CTEAM", "COTHER"]);
    expect(logs.find((l) => l.msg === "slack channel post failed")).toMatchObject({ channel: "CTEAM", err: { slackError: "invalid_blocks" } });
  });

  it("a failed chart upload keeps the posted references and the remaining channels", async () => {
    const { fake, sink, logs } = await setup({ policy: { channels: { slack: "COTHER", hostings: {} } } });
    fake.on("files.getUploadURLExternal", () => ({ ok: false, error: "internal_error" }));
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const refs = await sink.post({ ...reply, attachments: [{ filename: "sent-14d.png", contentType: "image/png", data: png }] }, {});
    expect(refs).toEqual([
      { platform: "slack", channel: "CTEAM", id: "1700000000.000001" },
      { platform: "slack", channel: "COTHER", id: "1700000000.000002" },
    ]);
    expect(fake.callsTo("files.getUploadURLExternal")).toHaveLength(2);
    expect(logs.filter((l) => l.msg === "slack channel upload failed")).toHaveLength(2);
  });

  it("uploads attachments with files.uploadV2 to each channel posted to", async () => {
    const { fake, sink } = await setup();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    await sink.post({ ...reply, attachments: [{ filename: "errors-14d.png", contentType: "image/png", data: png }] }, {});
    expect(fake.callsTo("files.getUploadURLExternal")[0]!.params).toMatchObject({ filename: "errors-14d.png", length: "8" });
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]!.body.includes(png)).toBe(true);
    const complete = fake.callsTo("files.completeUploadExternal")[0]!.params;
    expect(complete.channel_id).toBe("CTEAM");
    expect(JSON.parse(String(complete.files))).toEqual([{ id: fake.uploads[0]!.id, title: "errors-14d.png" }]);
  });

  it("edits a posted message in place with chat.update", async () => {
    const { fake, sink } = await setup();
    await sink.edit({ platform: "slack", channel: "CTEAM", id: "1.000009" }, { text: "Purge: 3 min", visibility: "channel" });
    expect(fake.callsTo("chat.update")[0]!.params).toMatchObject({ channel: "CTEAM", ts: "1.000009", text: "Purge: 3 min" });
  });

  it("without any channel configured, posts only to the origin", async () => {
    const { sink } = await setup({ channel: undefined });
    expect(sink.channelsFor({})).toEqual([]);
    expect(sink.channelsFor({ origin: { platform: "slack", channel: "C5" } })).toEqual(["C5"]);
  });
});
