// Slack: ack latency of signed slash commands through the real Bolt HTTP receiver, for
// mailbrake and, in the same run, for a bare Bolt app whose handler only acks. Also mailbrake
// while every provider call takes 2 s (the ack must not wait for the provider).
// Goal: mailbrake p99 ≤ 1.3× bare Bolt's p99, and far below Slack's 3 s limit. Each bot
// and the fake Slack run in processes of their own, so the load generator measuring latency
// shares its CPU time with neither (in production Slack is remote).
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { ms, summary } from "./stats.ts";

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

async function measure(name: string, target: { base: string; text?: string }) {
  const text = target.text ?? "status";
  await drive(target.base, slackBase, text, WARMUP, C);
  const samples = await drive(target.base, slackBase, text, N, C);
  const s = summary(samples);
  console.log(`${name.padEnd(38)} p50 ${ms(s.p50).padStart(10)}  p99 ${ms(s.p99).padStart(10)}  mean ${ms(s.mean).padStart(10)}`);
  return s;
}

const fakeSlack = await startProcess("./fakeSlackProcess.ts", []);
const slackBase = fakeSlack.words[0] ?? "";
const apiUrl = `${slackBase}/api/`;
console.log(`Slack ack latency: ${N} signed slash commands, concurrency ${C}, real Bolt HTTP receiver on 127.0.0.1`);

const bare = await botProcess(apiUrl, "bare");
const mb = await botProcess(apiUrl, "mailbrake");
// Alternate the two twice so that warm-up and machine noise hit both alike.
const bareRuns = [await measure("bare Bolt (ack only)", bare)];
const mbRuns = [await measure("mailbrake /mail status", mb)];
bareRuns.push(await measure("bare Bolt (ack only), again", bare));
mbRuns.push(await measure("mailbrake /mail status, again", mb));
await bare.stop();
await mb.stop();

const slow = await botProcess(apiUrl, "mailbrake", 2000);
const slowRun = await measure("mailbrake, provider latency 2 s", slow);
await slow.stop();
await fakeSlack.stop();

const bestBare = Math.min(...bareRuns.map((r) => r.p99));
const bestMb = Math.min(...mbRuns.map((r) => r.p99));
const ratio = bestMb / bestBare;
console.log(`p99 ratio mailbrake / bare Bolt: ${ratio.toFixed(2)}× (goal ≤ 1.30×) ${ratio <= 1.3 ? "OK" : "MISSED"}`);
console.log(`p99 with a 2 s provider: ${ms(slowRun.p99)} (goal: far below Slack's 3000 ms) ${slowRun.p99 < 300 ? "OK" : "MISSED"}`);
process.exit(0);
