// The fake Slack for bench/slack.bench.ts in its own process, so that answering the bot's
// Web API and response_url calls does not slow down the process that measures latency.
// Prints "READY <base URL>"; then, for each "COUNT" line read on its standard input,
// "ANSWERED <count> <CPU ms>": the answers received on response_url so far, and the CPU time
// the process has used (in production that work is Slack's, on another machine). It reports
// only when asked (the bench asks between blocks), so that no line reaches the load generator
// while it measures. Runs until killed.
import { createInterface } from "node:readline";
import { FakeSlack } from "../test/fakes/slackApi.ts";

const fake = await FakeSlack.start();
for (let i = 0; i < 10; i++) fake.users.set(`U${i}`, { id: `U${i}`, name: `user${i}`, locale: "en-US" });
let answered = 0;
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line !== "COUNT") return;
  answered += fake.responses.length;
  // Only the count is needed: the bodies and calls are let go (long runs keep memory flat).
  fake.responses.length = 0;
  fake.calls.length = 0;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`ANSWERED ${answered} ${((user + system) / 1000).toFixed(1)}\n`);
});
process.stdout.write(`READY ${fake.base}\n`);
