// The fake Slack for bench/slack.bench.ts in its own process, so that answering the bot's
// Web API and response_url calls does not slow down the process that measures latency.
// Prints "READY <base URL>"; runs until killed.
import { FakeSlack } from "../test/fakes/slackApi.ts";

const fake = await FakeSlack.start();
for (let i = 0; i < 10; i++) fake.users.set(`U${i}`, { id: `U${i}`, name: `user${i}`, locale: "en-US" });
process.stdout.write(`READY ${fake.base}\n`);
