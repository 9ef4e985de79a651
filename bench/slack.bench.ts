// Slack: ack latency of signed slash commands through the real Bolt HTTP receiver, for
// mailbrake and, in the same run, for a bare Bolt app whose handler only acks. Also mailbrake
// while every provider call takes 2 s (the ack must not wait for the provider).
// Goal: mailbrake p99 ≤ 1.3× bare Bolt's p99, and far below Slack's 3 s limit.
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { App as BoltApp } from "@slack/bolt";
import pino from "pino";
import { startSlack } from "../adapters/slack/start.ts";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import { FakeSlack } from "../test/fakes/slackApi.ts";
import { ms, summary } from "./stats.ts";

const SECRET = "bench-signing-secret-0123456789";
const TOKEN = "xoxb-bench-token-0123456789";
const N = Number(process.env.SLACK_BENCH_N ?? 2000);
const C = Number(process.env.SLACK_BENCH_C ?? 20);
const WARMUP = 200;

function signedSlash(base: string, responseUrl: string, text: string, i: number) {
  const body = new URLSearchParams({
    team_id: "T1",
    channel_id: "C1",
    user_id: `U${i % 10}`,
    user_name: `user${i % 10}`,
    command: "/mail",
    text,
    response_url: responseUrl,
    trigger_id: `bench-${i}-${Math.random()}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  return () =>
    fetch(`${base}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": signature },
      body,
    });
}

/** Sends `count` requests, `concurrency` at a time; returns each one's latency to the HTTP answer (ms). */
async function drive(base: string, fake: FakeSlack, text: string, count: number, concurrency: number): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const send = signedSlash(base, fake.responseUrl(i), text, i);
      const started = performance.now();
      const res = await send();
      await res.arrayBuffer();
      samples.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

async function bareBolt(fake: FakeSlack) {
  const bolt = new BoltApp({
    token: TOKEN,
    signingSecret: SECRET,
    botId: "B1",
    botUserId: "UBOT",
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  bolt.command("/mail", async ({ ack }) => {
    await ack();
  });
  const server = (await bolt.start({ port: 0, host: "127.0.0.1" })) as Server;
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => bolt.stop() };
}

async function mailbrake(fake: FakeSlack, latencyMs: number) {
  const dir = await mkdtemp(join(tmpdir(), "mb-slack-bench-"));
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, seed: 1, latencyMs });
  const env = envSchema.parse({
    MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    MAILBRAKE_SLACK_CHANNEL: "CTEAM",
  });
  const logger = pino({ level: "silent" });
  const app = await createApp(env, { logger, provider: { provider: sandbox, clock, sandbox } });
  const slack = await startSlack(app, { host: "127.0.0.1", port: 0, retryConfig: { retries: 0 } });
  const [hosting] = await app.engine.hostings.list();
  return {
    base: `http://127.0.0.1:${slack.port}`,
    text: `status ${hosting}`,
    async stop() {
      await slack.stop();
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function measure(name: string, target: { base: string; text?: string }, fake: FakeSlack) {
  const text = target.text ?? "status";
  await drive(target.base, fake, text, WARMUP, C);
  const samples = await drive(target.base, fake, text, N, C);
  const s = summary(samples);
  console.log(`${name.padEnd(38)} p50 ${ms(s.p50).padStart(10)}  p99 ${ms(s.p99).padStart(10)}  mean ${ms(s.mean).padStart(10)}`);
  return s;
}

const fake = await FakeSlack.start();
for (let i = 0; i < 10; i++) fake.users.set(`U${i}`, { id: `U${i}`, name: `user${i}`, locale: "en-US" });
console.log(`Slack ack latency: ${N} signed slash commands, concurrency ${C}, real Bolt HTTP receiver on 127.0.0.1`);

const bare = await bareBolt(fake);
const mb = await mailbrake(fake, 0);
// Alternate the two twice so that warm-up and machine noise hit both alike.
const bareRuns = [await measure("bare Bolt (ack only)", bare, fake)];
const mbRuns = [await measure("mailbrake /mail status", mb, fake)];
bareRuns.push(await measure("bare Bolt (ack only), again", bare, fake));
mbRuns.push(await measure("mailbrake /mail status, again", mb, fake));
await bare.stop();
await mb.stop();

const slow = await mailbrake(fake, 2000);
const slowRun = await measure("mailbrake, provider latency 2 s", slow, fake);
await slow.stop();
await fake.close();

const bestBare = Math.min(...bareRuns.map((r) => r.p99));
const bestMb = Math.min(...mbRuns.map((r) => r.p99));
const ratio = bestMb / bestBare;
console.log(`p99 ratio mailbrake / bare Bolt: ${ratio.toFixed(2)}× (goal ≤ 1.30×) ${ratio <= 1.3 ? "OK" : "MISSED"}`);
console.log(`p99 with a 2 s provider: ${ms(slowRun.p99)} (goal: far below Slack's 3000 ms) ${slowRun.p99 < 300 ? "OK" : "MISSED"}`);
process.exit(0);
