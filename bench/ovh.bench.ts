// OVHcloud provider: `status all` over 200 hostings through the real node-ovh client to the
// fake HTTPS API with 50 ms injected latency. Goal: under 2 s, with at most the configured
// number of calls in flight (OVH_CONCURRENCY, default 8).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { envSchema } from "../src/config.ts";
import type { Actor } from "../src/core/actor.ts";
import type { SandboxHostingSeed } from "../src/hosting/sandbox/index.ts";
import { startOvhHarness } from "../test/fakes/ovhHarness.ts";
import { ms, summary } from "./stats.ts";

const HOSTINGS = 200;
const LATENCY_MS = 50;
const GOAL_MS = 2_000;
const actor: Actor = { platform: "console", id: "bench", name: "bench", groups: [] };
const place = { channel: "bench", inTeamSpace: true };

const seeds: SandboxHostingSeed[] = Array.from({ length: HOSTINGS }, (_, i) => ({
  name: `site-${String(i).padStart(3, "0")}.example`,
  maxPerDay: 1000,
  profile: { dailyMails: 100, errorRate: 0.02 },
}));

async function run(concurrency: number, rounds: number) {
  const harness = await startOvhHarness({
    hostings: seeds,
    latencyMs: LATENCY_MS,
    settings: { concurrency, timeoutMs: 10_000 },
  });
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-ovh-"));
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"), MAILBRAKE_ADMINS: "console:bench" });
  const app = await createApp(env, {
    logger: pino({ level: "silent" }),
    provider: { provider: harness.provider, clock: harness.clock },
  });
  const statusAll = async () => {
    const started = performance.now();
    const reply = await app.engine.handle({ actor, place, language: "en", text: "status all" });
    if (!reply.text.includes("site-199.example")) throw new Error("status all did not list every hosting");
    return performance.now() - started;
  };
  const cold = await statusAll(); // includes /auth/time, the hosting list and the TLS handshakes
  const warm: number[] = [];
  for (let i = 0; i < rounds; i++) warm.push(await statusAll());
  const result = {
    concurrency,
    cold,
    warm: summary(warm),
    clientPeak: harness.provider.stats().peakInFlight,
    serverPeak: harness.fake.peakInFlight,
    requests: harness.fake.requests.length,
  };
  await app.close();
  await harness.close();
  await rm(dir, { recursive: true, force: true });
  return result;
}

const results = [];
for (const concurrency of [8, 4, 16]) results.push(await run(concurrency, concurrency === 8 ? 5 : 2));

console.log(`status all over ${HOSTINGS} hostings, real node-ovh client → fake HTTPS API, ${LATENCY_MS} ms latency per call`);
for (const r of results) {
  console.log(
    `  OVH_CONCURRENCY=${String(r.concurrency).padEnd(2)}  cold ${ms(r.cold)}  warm p50 ${ms(r.warm.p50)} (worst ${ms(Math.max(r.warm.p99, r.warm.mean))})  ` +
      `peak in flight: client ${r.clientPeak}, server ${r.serverPeak}  (${r.requests} requests)`,
  );
}
const main = results[0]!;
const ok = main.cold < GOAL_MS && main.warm.p99 < GOAL_MS && main.serverPeak <= main.concurrency && main.clientPeak <= main.concurrency;
console.log(`goal: under ${GOAL_MS} ms with at most ${main.concurrency} calls in flight (default concurrency): ${ok ? "met" : "NOT met"}`);
