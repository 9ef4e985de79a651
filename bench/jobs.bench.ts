// Scheduled work: the daily report over 500 hostings with 100 000 collected errors (goal
// under 2 s and under 200 MB), and one state-watch sweep over 500 sandbox hostings with
// 50 ms injected latency per call (goal under 5 s with a bounded number of calls in flight).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import type { HostingProvider } from "../src/hosting/port.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import { Jobs } from "../src/jobs/jobs.ts";
import { buildReportReply } from "../src/jobs/report/buildReply.ts";
import { mb, ms } from "./stats.ts";

const HOSTINGS = 500;
const ERRORS = 100_000;
const DAY = 86_400_000;
const MESSAGES = [
  "550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table",
  "452 4.2.2 <{to}>: Mailbox full",
  "554 5.7.1 Service unavailable; Client host [46.105.1.2] blocked using zen.spamhaus.org",
  "550 5.7.26 This mail is unauthenticated (DMARC)",
  "421 4.4.2 mx.example.org: Connection timed out",
];
const DOMAINS = ["gmail.com", "orange.fr", "wp.pl", "hotmail.com", "kpnmail.nl", "sapo.pt", "outlook.com"];

/** Counts calls in flight through the provider. */
function metered(provider: HostingProvider, meter: { now: number; max: number; calls: number }): HostingProvider {
  return new Proxy(provider, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        meter.calls += 1;
        meter.now += 1;
        meter.max = Math.max(meter.max, meter.now);
        try {
          return await value.apply(target, args);
        } finally {
          meter.now -= 1;
        }
      };
    },
  });
}

async function setup(dir: string, latencyMs: number, meter = { now: 0, max: 0, calls: 0 }) {
  // 08:00 UTC: the daily report is due.
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 8, 0));
  const sandbox = await Sandbox.open({ clock, seed: 3, hostings: [], latencyMs });
  const names = await sandbox.addHostings(HOSTINGS);
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json") });
  const provider = metered(sandbox, meter);
  const app = await createApp(env, { logger: pino({ level: "silent" }), provider: { provider, clock, sandbox } });
  return { app, names, clock, meter };
}

async function dailyReport(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const { app, names, clock } = await setup(dir, 0);
  const now = clock.now();
  const lines: string[] = [];
  for (let i = 0; i < ERRORS; i++) {
    const to = `user${i % 997}@${DOMAINS[i % DOMAINS.length]}`;
    const message = (MESSAGES[i % MESSAGES.length] ?? "").replace("{to}", to);
    lines.push(JSON.stringify({ at: now - Math.floor((i / ERRORS) * 14 * DAY) - 1, hosting: names[i % names.length], to, message }));
  }
  await writeFile(join(dir, "errors.jsonl"), `${lines.join("\n")}\n`);
  const jobs = await Jobs.create(app, { sleep: async () => undefined });

  global.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - (base.heapUsed + base.external + base.arrayBuffers));
  }, 5);
  const started = performance.now();
  const posted = await jobs.report.runIfOwed();
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  const end = process.memoryUsage();
  peak = Math.max(peak, end.heapUsed + end.external + end.arrayBuffers - (base.heapUsed + base.external + base.arrayBuffers));

  // Worst case: one report over all 14 days, grouping every one of the 100 000 errors.
  const again = performance.now();
  const deps = { provider: app.services.provider, errors: jobs.errors, collector: jobs.collector, settings: jobs.settings, sleep: async () => undefined };
  const reply = await buildReportReply(deps, app.services.logger, names, { from: now - 14 * DAY, to: now }, { language: "en", timeZone: "UTC", scheduled: false });
  const wholeMs = performance.now() - again;
  const grouped = (reply.data as { hostings: { errors: number }[] }).hostings.reduce((sum, h) => sum + h.errors, 0);

  console.log(`daily report, ${HOSTINGS} hostings, ${ERRORS.toLocaleString("en")} stored errors (goal < 2 s, < 200 MB):`);
  console.log(`  whole job (poll ${HOSTINGS} error logs, read, group, chart, post ${posted}): ${ms(elapsed)}`);
  console.log(`  one report over all 14 days (${grouped.toLocaleString("en")} errors grouped): ${ms(wholeMs)} (${reply.text.length} characters, chart ${reply.attachments?.[0]?.data.length ?? 0} bytes)`);
  console.log(`  memory above baseline while building: ${mb(peak)} (max RSS ${mb(process.resourceUsage().maxRSS * 1024)})`);
  console.log(`  ${elapsed < 2000 && wholeMs < 2000 && peak < 200 * 1024 * 1024 ? "goal met" : "GOAL MISSED"}`);
  await jobs.stop();
  await app.close();
  await rm(dir, { recursive: true, force: true });
}

async function watchSweep(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const { app, names, meter } = await setup(dir, 50);
  const jobs = await Jobs.create(app, { sleep: async () => undefined });
  meter.calls = 0;
  meter.max = 0;
  const started = performance.now();
  const result = await jobs.watch.sweep(names);
  const elapsed = performance.now() - started;
  console.log(`state watch, ${HOSTINGS} sandbox hostings, 50 ms per call (goal < 5 s, bounded calls in flight):`);
  console.log(`  one sweep: ${ms(elapsed)}, ${result.read} read, ${meter.calls} calls, at most ${meter.max} in flight`);
  console.log(`  ${elapsed < 5000 && meter.max <= 16 ? "goal met" : "GOAL MISSED"}`);
  await jobs.stop();
  await app.close();
  await rm(dir, { recursive: true, force: true });
}

await dailyReport();
await watchSweep();
