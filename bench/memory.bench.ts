// Resident memory of the bot (engine + sandbox + store), in a fresh process: idle, and after
// 10 000 and 20 000 mixed commands. Goal: under 150 MB and not growing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import type { Actor } from "../src/core/actor.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import { stopChartProcess } from "../src/jobs/report/chartProcess.ts";
import { mb } from "./stats.ts";

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const actor: Actor = { platform: "slack", id: "U1", name: "bench", groups: [] };
const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
const clock = new ManualClock();
const sandbox = await Sandbox.open({ clock, seed: 1 });
const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"), MAILBRAKE_ADMINS: "slack:U1" });
const app = await createApp(env, { logger: pino({ level: "silent" }), provider: { provider: sandbox, clock, sandbox } });
const ask = (text: string) => app.engine.handle({ actor, place: { channel: "C1", inTeamSpace: true }, language: "en", text });

gc();
const idle = process.memoryUsage().rss;
let peak = idle;
const lines = ["status all", "status boulangerie-martin.fr", "help", "block kahvila-aalto.fi", "report sklep-nowak.pl"];
const after: number[] = [];
for (let round = 0; round < 2; round++) {
  for (let i = 0; i < 10_000; i++) {
    await ask(lines[i % lines.length] ?? "help");
    clock.advance(1_000);
    if (i % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  gc();
  after.push(process.memoryUsage().rss);
}
console.log(`resident memory idle: ${mb(idle)}; after 10 000 commands: ${mb(after[0] ?? 0)}; after 20 000: ${mb(after[1] ?? 0)}; peak ${mb(peak)} (goal < 150 MB, not growing)`);
console.log(`(the sources run through tsx here, about 35 MB over the built bot; report charts are drawn in a child process, not counted)`);
await stopChartProcess();
await app.close();
await rm(dir, { recursive: true, force: true });
