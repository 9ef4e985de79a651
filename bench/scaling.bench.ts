// Cost that grows linearly: `status all` per hosting at 800 sandbox hostings against 100
// (goal ≤ 1.2×), the report for 1,000 hostings against 500 (goal ≤ 2×), and the report's peak
// memory with 200,000 collected errors against 25,000 (goal ≤ 1.2×; each size in a fresh
// process, the error file written by this one); with no goal, the same for the early warning's
// look at one hosting's last 25 hours, which a flooded hosting gets after every collection.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import type { Actor } from "../src/core/actor.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import { Jobs } from "../src/jobs/jobs.ts";
import { buildReportReply } from "../src/jobs/report/buildReply.ts";
import { stopChartProcess } from "../src/jobs/report/chartProcess.ts";
import { mb, ms, ratioLine } from "./stats.ts";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 8, 0);
const actor: Actor = { platform: "console", id: "bench", name: "bench", groups: [] };
const MESSAGES = [
  "550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table",
  "452 4.2.2 <{to}>: Mailbox full",
  "554 5.7.1 Service unavailable; Client host [46.105.1.2] blocked using zen.spamhaus.org",
  "550 5.7.26 This mail is unauthenticated (DMARC)",
  "421 4.4.2 mx.example.org: Connection timed out",
];
const DOMAINS = ["gmail.com", "orange.fr", "wp.pl", "hotmail.com", "kpnmail.nl", "sapo.pt", "outlook.com"];

async function appWith(dir: string, hostings: number) {
  const clock = new ManualClock(NOW);
  const sandbox = await Sandbox.open({ clock, seed: 3, hostings: [] });
  const names = await sandbox.addHostings(hostings);
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json") });
  const app = await createApp(env, { logger: pino({ level: "silent" }), provider: { provider: sandbox, clock, sandbox } });
  return { app, names, clock };
}

/** `errors` collected errors over the `spanMs` before NOW, spread over `names`, as the store's JSONL. */
async function writeErrors(dir: string, names: readonly string[], errors: number, spanMs = 14 * DAY): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < errors; i++) {
    const to = `user${i % 997}@${DOMAINS[i % DOMAINS.length]}`;
    const message = (MESSAGES[i % MESSAGES.length] ?? "").replace("{to}", to);
    lines.push(JSON.stringify({ at: NOW - Math.floor((i / errors) * spanMs) - 1, hosting: names[i % names.length], to, message }));
  }
  await writeFile(join(dir, "errors.jsonl"), `${lines.join("\n")}\n`);
}

/** Mean µs per hosting of `status all`, after a warm-up. */
async function statusPerHosting(hostings: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const { app, clock } = await appWith(dir, hostings);
  const ask = () => app.engine.handle({ actor, place: { channel: "bench", inTeamSpace: true }, language: "en", text: "status all" });
  for (let i = 0; i < 3; i++) await ask();
  // About half a second of commands at each size: at 800 hostings, 8,000 hosting reads were
  // ten commands, too few for one garbage collection not to move the mean.
  const rounds = Math.max(20, Math.round(80_000 / hostings));
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    clock.advance(1_000);
    await ask();
  }
  const perHosting = ((performance.now() - started) / rounds / hostings) * 1000;
  await app.close();
  await rm(dir, { recursive: true, force: true });
  return perHosting;
}

/** The report over the last day for `hostings` hostings with 100,000 errors kept (ms), chart process warm. */
async function reportTime(hostings: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const { app, names } = await appWith(dir, hostings);
  await writeErrors(dir, names, 100_000);
  const jobs = await Jobs.create(app, { sleep: async () => undefined });
  const deps = { provider: app.services.provider, errors: jobs.errors, collector: jobs.collector, settings: jobs.settings, sleep: async () => undefined };
  const report = () =>
    buildReportReply(deps, app.services.logger, names, { from: NOW - DAY, to: NOW }, { language: "en", timeZone: "UTC", scheduled: false });
  await report();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await report();
    times.push(performance.now() - started);
  }
  await jobs.stop();
  await app.close();
  await rm(dir, { recursive: true, force: true });
  return Math.min(...times);
}

/** In a fresh process: one report over 500 hostings with the errors already in `dir`; prints the peak RSS. */
async function reportMemoryChild(dir: string): Promise<void> {
  const { app, names } = await appWith(dir, 500);
  const jobs = await Jobs.create(app, { sleep: async () => undefined });
  const deps = { provider: app.services.provider, errors: jobs.errors, collector: jobs.collector, settings: jobs.settings, sleep: async () => undefined };
  await buildReportReply(deps, app.services.logger, names, { from: NOW - DAY, to: NOW }, { language: "en", timeZone: "UTC", scheduled: false });
  process.stdout.write(`${process.resourceUsage().maxRSS * 1024}\n`);
  await stopChartProcess();
  await jobs.stop();
  await app.close();
}

/** In a fresh process: the early warning's look at the first hosting, whose errors are in `dir`; prints the peak RSS. */
async function riseMemoryChild(dir: string): Promise<void> {
  const { app, names } = await appWith(dir, 1);
  const jobs = await Jobs.create(app, { sleep: async () => undefined });
  await jobs.rise.check(names);
  process.stdout.write(`${process.resourceUsage().maxRSS * 1024}\n`);
  await jobs.stop();
  await app.close();
}

/** The peak RSS of a `child` run (report-memory over 500 hostings, errors over 14 days; rise-memory over one, errors over 25 h). */
async function peakOf(child: "report-memory" | "rise-memory", errors: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const hostings = child === "report-memory" ? 500 : 1;
  // The same names as the child's sandbox (same seed).
  const { app, names } = await appWith(dir, hostings);
  await app.close();
  await writeErrors(dir, names, errors, child === "report-memory" ? 14 * DAY : 25 * 3_600_000);
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ["--import", "tsx", self, child, dir], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
  await rm(dir, { recursive: true, force: true });
  const peak = Number(run.stdout.trim().split("\n").at(-1));
  if (!Number.isFinite(peak)) throw new Error(`${child} child failed: ${run.stderr}`);
  return peak;
}

if (process.argv[2] === "report-memory" || process.argv[2] === "rise-memory") {
  await (process.argv[2] === "report-memory" ? reportMemoryChild : riseMemoryChild)(process.argv[3] ?? "");
  process.exit(0);
}

// Alternating sizes, best of two each, so machine noise hits both alike.
const small: number[] = [];
const large: number[] = [];
for (let i = 0; i < 2; i++) {
  small.push(await statusPerHosting(100));
  large.push(await statusPerHosting(800));
}
const us = (v: number) => `${v.toFixed(1)} µs`;
console.log(ratioLine("status all, per hosting, 800 hostings", us(Math.min(...large)), "100 hostings", us(Math.min(...small)), Math.min(...large) / Math.min(...small), 1.2));

const r500 = await reportTime(500);
const r1000 = await reportTime(1000);
console.log(ratioLine("report, 1,000 hostings (100k errors)", ms(r1000), "500 hostings", ms(r500), r1000 / r500, 2));

const m25 = await peakOf("report-memory", 25_000);
const m200 = await peakOf("report-memory", 200_000);
console.log(ratioLine("report peak RSS, 200,000 errors (500 hostings)", mb(m200), "25,000 errors", mb(m25), m200 / m25, 1.2));

const w25 = await peakOf("rise-memory", 25_000);
const w200 = await peakOf("rise-memory", 200_000);
console.log(
  `early warning peak RSS, one hosting with 200,000 errors in 25 h: ${mb(w200)} | 25,000 errors: ${mb(w25)} | ratio ${(w200 / w25).toFixed(2)}× (no goal)`,
);
await stopChartProcess();
process.exit(0);
