// The bot under test for bench/slack.bench.ts, in its own process (as in production, where
// Slack is remote): either a bare Bolt app whose handler only acks, or mailbrake's Slack
// adapter over the sandbox with its scheduled jobs running. Arguments: bare|mailbrake, the
// fake Slack API URL, provider latency (ms), signing secret. Prints "READY <port> <command
// text>" once listening; then, for each "LOOP" line read on its standard input, "LOOP <p99 ms>
// <max ms> <CPU ms>": the event-loop delay since the previous one (how long the process stood
// still at worst) and the CPU time it has used so far. Runs until killed.
import { mkdtemp } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App as BoltApp } from "@slack/bolt";
import pino from "pino";
import { startSlack } from "../adapters/slack/start.ts";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import { startLeaderWork } from "../src/jobs/leaderWork.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";

const [mode, apiUrl = "", latency = "0", SECRET = ""] = process.argv.slice(2);
const TOKEN = "xoxb-bench-token-0123456789";

async function bareBolt(apiUrl: string) {
  const bolt = new BoltApp({
    token: TOKEN,
    signingSecret: SECRET,
    botId: "B1",
    botUserId: "UBOT",
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  bolt.command("/mail", async ({ ack }) => {
    await ack();
  });
  const server = (await bolt.start({ port: 0, host: "127.0.0.1" })) as Server;
  return { port: (server.address() as AddressInfo).port, text: "status" };
}

async function mailbrake(apiUrl: string, latencyMs: number) {
  const dir = await mkdtemp(join(tmpdir(), "mb-slack-bench-"));
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, seed: 1, latencyMs });
  const env = envSchema.parse({
    MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    MAILBRAKE_SLACK_CHANNEL: "CTEAM",
  });
  const app = await createApp(env, {
    logger: pino({ level: "silent" }),
    provider: { provider: sandbox, clock, sandbox },
  });
  const slack = await startSlack(app, { host: "127.0.0.1", port: 0, retryConfig: { retries: 0 } });
  // The scheduled jobs run as in a production bot (their first tick at once); on the fixed
  // clock nothing more falls due, but the process keeps what running them costs.
  await startLeaderWork(app);
  const [hosting] = await app.engine.hostings.list();
  return { port: slack.port ?? 0, text: `status ${hosting}` };
}

const bot = mode === "bare" ? await bareBolt(apiUrl) : await mailbrake(apiUrl, Number(latency));
/** CPU time (user and system, all threads) the process has used so far, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line !== "LOOP") return;
  process.stdout.write(
    `LOOP ${(loop.percentile(99) / 1e6).toFixed(2)} ${(loop.max / 1e6).toFixed(2)} ${cpuMs().toFixed(1)}\n`,
  );
  loop.reset();
});
process.stdout.write(`READY ${bot.port} ${bot.text}\n`);
