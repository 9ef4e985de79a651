// The fake Slack for bench/slack.bench.ts in its own process, so that answering the bot's
// Web API and response_url calls does not slow down the process that measures latency.
// Prints "READY <base URL>", then "ANSWERED <count>" whenever answers arrived on response_url
// (the bench waits for a bot's answers before it measures the other bot); runs until killed.
import { FakeSlack } from "../test/fakes/slackApi.ts";

const fake = await FakeSlack.start();
for (let i = 0; i < 10; i++) fake.users.set(`U${i}`, { id: `U${i}`, name: `user${i}`, locale: "en-US" });
process.stdout.write(`READY ${fake.base}\n`);
let answered = 0;
for (;;) {
  await fake.waitForResponses(1);
  answered += fake.responses.length;
  // Only the count is needed: the bodies and calls are let go (long runs keep memory flat).
  fake.responses.length = 0;
  fake.calls.length = 0;
  process.stdout.write(`ANSWERED ${answered}\n`);
}
