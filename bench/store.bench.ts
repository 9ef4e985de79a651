// The store under its folder lock: what several processes on one data folder cost. Twenty
// one-shot commands started at once (all must complete), and one audited command in-process
// (the cost of the lock and of syncing to disk; core.bench.ts shows it flat from 0 to 100 000
// audit records kept).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import type { Actor } from "../src/core/actor.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import { ms, summary } from "./stats.ts";

const bin = new URL("../bin/mailbrake.js", import.meta.url).pathname;
const actor: Actor = { platform: "console", id: "bench", name: "bench", groups: [] };
const place = { channel: "bench", inTeamSpace: true };

function cli(dir: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C", MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json") },
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
}

async function auditedUnderLock(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, seed: 1 });
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json") });
  const app = await createApp(env, { logger: pino({ level: "silent" }), provider: { provider: sandbox, clock, sandbox } });
  const ask = (text: string) => app.engine.handle({ actor, place, language: "en", text });
  for (let i = 0; i < 50; i++) await ask("status boulangerie-martin.fr");
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const started = performance.now();
    await ask("status boulangerie-martin.fr");
    samples.push(performance.now() - started);
  }
  const { p50, p99, mean } = summary(samples);
  console.log(`one audited command under the folder lock (synced): mean ${ms(mean)}, p50 ${ms(p50)}, p99 ${ms(p99)} (before the lock: 0.7 ms; goal ≤ 1.05 ms)`);
  await app.close();
  await rm(dir, { recursive: true, force: true });
}

async function concurrentOneShots(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  await cli(dir, ["status"]);
  const commands = [
    ...Array.from({ length: 8 }, () => ["status", "all"]),
    ...Array.from({ length: 4 }, () => ["history"]),
    ...Array.from({ length: 6 }, (_, i) => ["recipient", "sklep-nowak.pl", `b${i}@example.com`, "--yes"]),
    ["block", "kahvila-aalto.fi", "bench", "--yes"],
    ["block", "kahvila-aalto.fi", "bench", "--yes"],
  ];
  const one = performance.now();
  await cli(dir, ["status", "all"]);
  const alone = performance.now() - one;
  const started = performance.now();
  const codes = await Promise.all(commands.map((args) => cli(dir, args)));
  const all = performance.now() - started;
  const completed = codes.filter((c) => c === 0 || c === 1).length;
  console.log(`20 one-shot commands at once on one data folder: ${completed}/20 completed in ${ms(all)} (one alone: ${ms(alone)})`);
  await rm(dir, { recursive: true, force: true });
}

await auditedUnderLock();
await concurrentOneShots();
