// Slack: ack latency of signed slash commands through the real Bolt HTTP receiver, for
// mailbrake and, in the same run, for a bare Bolt app whose handler only acks. Also mailbrake
// while every provider call takes 2 s (the ack must not wait for the provider).
// Open loop at 20, 100 and 300 commands a second (goals: p99 ≤ 1.2× bare Bolt's at 100,
// ≤ 1.3× at 300), a saturating closed loop as a throughput figure, and far below Slack's 3 s
// limit with a slow provider. Each bot
// and the fake Slack run in processes of their own, so the load generator measuring latency
// shares its CPU time with neither (in production Slack is remote).
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { ms, ratioLine, summary } from "./stats.ts";

const SECRET = "bench-signing-secret-0123456789";
const N = Number(process.env.SLACK_BENCH_N ?? 2000);
const C = Number(process.env.SLACK_BENCH_C ?? 20);
const WARMUP = 1000;

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
async function drive(base: string, slackBase: string, text: string, count: number, concurrency: number): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const send = signedSlash(base, `${slackBase}/respond/${i}`, text, i);
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

/** Runs a bench script in its own process until stopped; resolves with its READY line's words. */
async function startProcess(script: string, args: string[]) {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  const lines = createInterface({ input: child.stdout });
  const words = await new Promise<string[]>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${script} exited (${code})`)));
    lines.on("line", (line) => line.startsWith("READY ") && resolve(line.split(" ").slice(1)));
  });
  return {
    words,
    async stop() {
      child.kill();
      await once(child, "exit");
    },
  };
}

/** The bot under test in its own process: "bare" Bolt or "mailbrake". */
async function botProcess(apiUrl: string, mode: "bare" | "mailbrake", latencyMs = 0) {
  const bot = await startProcess("./slackBot.ts", [mode, apiUrl, String(latencyMs), SECRET]);
  const [port, ...text] = bot.words;
  return { base: `http://127.0.0.1:${port}`, text: text.join(" "), stop: bot.stop };
}

/** Open loop: sends at `rate` a second for `seconds`, whatever the answers' pace (as Slack
 * does); each latency runs from the request's send to its HTTP answer. */
async function openLoop(base: string, text: string, rate: number, seconds: number): Promise<number[]> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const samples: number[] = [];
  const answers: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const send = signedSlash(base, `${slackBase}/respond/${i}`, text, i);
    const sent = performance.now();
    answers.push(
      send().then(async (res) => {
        await res.arrayBuffer();
        samples.push(performance.now() - sent);
        if (res.status !== 200) throw new Error(`status ${res.status}`);
      }),
    );
  }
  await Promise.all(answers);
  return samples;
}

/** Saturating closed loop: C requests always in flight; commands a second and p99. */
async function saturate(target: { base: string; text: string }) {
  await drive(target.base, slackBase, target.text, WARMUP, C);
  const started = performance.now();
  const samples = await drive(target.base, slackBase, target.text, N, C);
  const perSecond = N / ((performance.now() - started) / 1000);
  return { perSecond, ...summary(samples) };
}

const fakeSlack = await startProcess("./fakeSlackProcess.ts", []);
const slackBase = fakeSlack.words[0] ?? "";
const apiUrl = `${slackBase}/api/`;
console.log("Slack ack latency: signed slash commands through the real Bolt HTTP receiver on 127.0.0.1,");
console.log("mailbrake (/mail status <hosting>) against a bare Bolt app whose handler only acks, alternately.");

const bare = await botProcess(apiUrl, "bare");
const mb = await botProcess(apiUrl, "mailbrake");
for (const bot of [bare, mb]) await drive(bot.base, slackBase, bot.text, WARMUP, C);

const RATES: [rate: number, seconds: number, goal?: number][] = [
  [20, 15],
  [100, 8, 1.2],
  [300, 5, 1.3],
];
for (const [rate, seconds, goal] of RATES) {
  const bareP99: number[] = [];
  const mbP99: number[] = [];
  // Twice each, alternately, so that machine noise hits both alike; the better run of each.
  for (let i = 0; i < 2; i++) {
    bareP99.push(summary(await openLoop(bare.base, bare.text, rate, seconds)).p99);
    mbP99.push(summary(await openLoop(mb.base, mb.text, rate, seconds)).p99);
  }
  const b = Math.min(...bareP99);
  const m = Math.min(...mbP99);
  const what = `ack p99, open loop ${rate} commands/s (${Math.round(rate * seconds)} requests)`;
  console.log(goal ? ratioLine(what, ms(m), "bare Bolt", ms(b), m / b, goal) : `${what}: ${ms(m)} | baseline bare Bolt: ${ms(b)} | ratio ${(m / b).toFixed(2)}× (no goal)`);
}

const bareMax = await saturate(bare);
const mbMax = await saturate(mb);
console.log(
  `saturating throughput (closed loop, ${C} in flight, ${N} requests): mailbrake ${Math.round(mbMax.perSecond)} commands/s (p99 ${ms(mbMax.p99)}) | baseline bare Bolt: ${Math.round(bareMax.perSecond)} commands/s (p99 ${ms(bareMax.p99)}) | ratio ${(mbMax.perSecond / bareMax.perSecond).toFixed(2)}× (no goal)`,
);
await bare.stop();
await mb.stop();

const slow = await botProcess(apiUrl, "mailbrake", 2000);
await drive(slow.base, slackBase, slow.text, 200, C);
const slowRun = summary(await openLoop(slow.base, slow.text, 100, 5));
await slow.stop();
await fakeSlack.stop();
console.log(`ack p99 with a provider taking 2 s, open loop 100 commands/s: ${ms(slowRun.p99)} (goal: far below Slack's 3000 ms) ${slowRun.p99 < 300 ? "met" : "MISSED"}`);
process.exit(0);
