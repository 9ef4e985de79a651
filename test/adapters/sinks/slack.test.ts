// The channel sink contract, run against the Slack sink. One file per sink: each platform's
// library runs in a process of its own here.
import { webApi } from "@slack/bolt";
import pino from "pino";
import { SlackSink } from "../../../adapters/slack/sink.ts";
import { emptyPolicy } from "../../../src/policy.ts";
import { FakeSlack } from "../../fakes/slackApi.ts";
import { BOT_TOKEN } from "../../fakes/slackRequests.ts";
import { sinkContract } from "./sinkContract.ts";

sinkContract("Slack", async () => {
  const fake = await FakeSlack.start();
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const sink = new SlackSink(client, { channel: "CTEAM", policy: emptyPolicy(), logger: pino({ level: "silent" }) });
  return {
    sink,
    posted: async () => fake.callsTo("chat.postMessage").map((c) => String(c.params.text)),
    edited: async () => fake.callsTo("chat.update").map((c) => String(c.params.text)),
    files: async () => fake.callsTo("files.getUploadURLExternal").map((c) => String(c.params.filename)),
    close: () => fake.close(),
  };
});
