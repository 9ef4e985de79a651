// Core engine: `status` throughput over 200 sandbox hostings, and the cost of one audited
// command with 0 / 10 000 / 100 000 audit records kept.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import type { Actor } from "../src/core/actor.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import { ms } from "./stats.ts";

const actor: Actor = { platform: "console", id: "bench", name: "bench", groups: [] };
const place = { channel: "bench", inTeamSpace: true };

async function appWith(dir: string, extraHostings: number) {
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, seed: 1 });
  if (extraHostings > 0) await sandbox.addHostings(extraHostings);
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json") });
  const app = await createApp(env, { logger: pino({ level: "silent" }), provider: { provider: sandbox, clock, sandbox } });
  const ask = (text: string) => app.engine.handle({ actor, place, language: "en", text });
  return { app, ask, sandbox };
}

async function statusThroughput(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const { ask, app } = await appWith(dir, 197);
  const names = await app.engine.hostings.list();
  await ask("status all");
  const rounds = 20;
  let started = performance.now();
  for (let i = 0; i < rounds; i++) await ask("status all");
  const allMs = (performance.now() - started) / rounds;
  const singles = 2000;
  started = performance.now();
  for (let i = 0; i < singles; i++) await ask(`status ${names[i % names.length]}`);
  const oneMs = (performance.now() - started) / singles;
  console.log(`status all over ${names.length} hostings: ${ms(allMs)} per command (${Math.round((names.length * 1000) / allMs)} hostings/s)`);
  console.log(`status <one hosting>: ${ms(oneMs)} per command (${Math.round(1000 / oneMs)} commands/s)`);
  await rm(dir, { recursive: true, force: true });
}

async function auditedCommandCost(): Promise<void> {
  const results: [number, number][] = [];
  for (const kept of [0, 10_000, 100_000]) {
    const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
    const now = new ManualClock().now();
    const line = (i: number) =>
      `${JSON.stringify({ at: now - i, event: "request", platform: "slack", actorId: "U1", actorName: "u", channel: "C1", command: "status", hosting: "boulangerie-martin.fr", outcome: "answered" })}\n`;
    await writeFile(join(dir, "audit.jsonl"), Array.from({ length: kept }, (_, i) => line(kept - i)).join(""));
    const { ask } = await appWith(dir, 0);
    for (let i = 0; i < 50; i++) await ask("status boulangerie-martin.fr");
    const n = 1000;
    const started = performance.now();
    for (let i = 0; i < n; i++) await ask("status boulangerie-martin.fr");
    results.push([kept, (performance.now() - started) / n]);
    await rm(dir, { recursive: true, force: true });
  }
  const base = results[0]?.[1] ?? 1;
  for (const [kept, cost] of results) {
    console.log(`audited command with ${String(kept).padStart(6)} records kept: ${ms(cost)} (${(cost / base).toFixed(2)}× the empty store; goal ≤ 1.5×)`);
  }
}

await statusThroughput();
await auditedCommandCost();
