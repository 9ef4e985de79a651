// Six languages: the cost of the first message (catalogs read and i18next set up), of one
// message afterwards (plain, with placeholders, plural), of Intl formatting, and of a whole
// status card and confirmation card per language through the engine.
// Goals: first message under 50 ms; one message under 10 µs; a card in any language within
// 25 % of English.
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
import { formatDateTime, formatNumber } from "../src/i18n/format.ts";
import { LANGUAGES, type Language, translate } from "../src/i18n/index.ts";
import { ms, summary } from "./stats.ts";

const us = (valueMs: number) => `${(valueMs * 1000).toFixed(2)} µs`;

function firstMessage(): void {
  const started = performance.now();
  translate("fi", "mutation.block.name");
  console.log(`first message (read ${LANGUAGES.length} languages' catalogs, set up i18next): ${ms(performance.now() - started)}  (goal < 50 ms)`);
}

function perMessage(): void {
  const n = 50_000;
  const kinds: [string, (language: Language, i: number) => string][] = [
    ["plain", (l) => translate(l, "mutation.block.name")],
    ["placeholders", (l, i) => translate(l, "announce.block", { name: "user", hosting: "example.com", time: String(i) })],
    ["plural", (l, i) => translate(l, "status.allTitle", { count: i % 30 })],
  ];
  for (const [kind, run] of kinds) {
    const line: string[] = [];
    for (const language of LANGUAGES) {
      for (let i = 0; i < 2000; i++) run(language, i);
      const started = performance.now();
      for (let i = 0; i < n; i++) run(language, i);
      line.push(`${language} ${us((performance.now() - started) / n)}`);
    }
    console.log(`one ${kind} message: ${line.join(", ")}  (goal < 10 µs)`);
  }
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    formatDateTime(LANGUAGES[i % 6] as Language, "Europe/Paris", 1_790_000_000_000 + i * 60_000);
    formatNumber(LANGUAGES[i % 6] as Language, i * 37);
  }
  console.log(`one date-time + one number with Intl (cached formatters): ${us((performance.now() - started) / n)}`);
}

async function cards(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mb-bench-"));
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, seed: 1 });
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"), MAILBRAKE_TZ: "Europe/Paris" });
  const app = await createApp(env, { logger: pino({ level: "silent" }), provider: { provider: sandbox, clock, sandbox } });
  const actor: Actor = { platform: "console", id: "bench", name: "bench", groups: [] };
  const place = { channel: "bench", inTeamSpace: true };
  const ask = (language: Language, text: string) => app.engine.handle({ actor, place, language, text });
  const rounds = 300;
  const results: Record<string, { status: number; confirm: number }> = {};
  // Warm up every language first, so that English, measured first, does not pay for the JIT.
  for (let i = 0; i < 100; i++) {
    for (const language of LANGUAGES) {
      await ask(language, "status boulangerie-martin.fr");
      await ask(language, "block boulangerie-martin.fr bench");
    }
  }
  // Languages take turns within each round, so a store that grows as commands are audited
  // weighs on all of them alike.
  const samples = Object.fromEntries(LANGUAGES.map((l) => [l, { status: [] as number[], confirm: [] as number[] }]));
  for (let i = 0; i < rounds; i++) {
    for (const language of LANGUAGES) {
      const own = samples[language]!;
      let started = performance.now();
      await ask(language, "status boulangerie-martin.fr");
      own.status.push(performance.now() - started);
      started = performance.now();
      await ask(language, "block boulangerie-martin.fr bench");
      own.confirm.push(performance.now() - started);
    }
  }
  for (const language of LANGUAGES) {
    const own = samples[language]!;
    results[language] = { status: summary(own.status).p50, confirm: summary(own.confirm).p50 };
  }
  const en = results.en!;
  for (const [language, r] of Object.entries(results)) {
    const worst = Math.max(r.status / en.status, r.confirm / en.confirm);
    console.log(
      `${language}: status card ${ms(r.status)} p50, block confirmation card ${ms(r.confirm)} p50 (${((worst - 1) * 100).toFixed(0)} % vs English)`,
    );
  }
  console.log("goal: every language within 25 % of English");
  await app.close();
  await rm(dir, { recursive: true, force: true });
}

firstMessage();
perMessage();
await cards();
