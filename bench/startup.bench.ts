// Start-up and idle memory of the built CLI (bin/mailbrake.js → dist/), each against a
// baseline run alternately in the same bench: --version and one-shot `status all` against
// `node -e 0` (goals ≤ 2× and ≤ 4×); one-shot `report all` (goal ≤ 1 s); the terminal chat's
// prompt against a bare node start (goal ≤ 5×); the idle resident memory of the Slack+Discord
// bot (against loopback fakes) against a process that only loads @slack/bolt and discord.js
// (goal ≤ 1.15×), read twice: 3 s after start, and settled at 45 s, once V8's idle memory
// reducer has shrunk both heaps; also, with no goal, against the same process scheduling one
// node-cron task, and against the libraries running as the bot runs them but with none of
// mailbrake's code (bench/librariesRunning.mjs). Medians of alternating runs.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { FakeDiscord } from "../test/fakes/discordFake.ts";
import { FakeSlack } from "../test/fakes/slackApi.ts";
import { mb, ms, ratioLine } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "mailbrake.js");
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 7);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Run {
  args: string[];
  env?: Record<string, string>;
  /** Resolve when stdout shows this (the process is then killed); otherwise at exit. */
  until?: string;
  /** After `until`, read the process's resident memory at these times (ms). */
  rssAtMs?: number[];
}

/** Wall time (ms) from spawn to exit or to the `until` text; resident memory when asked. */
function timed(run: Run, cwd: string): Promise<{ ms: number; rss: number[] }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, run.args, {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: "C",
        MAILBRAKE_DATA_FILE: join(cwd, "mailbrake.json"),
        ...run.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let done = false;
    child.on("error", reject);
    // The prompt comes on stdout, the bot's log lines ("mailbrake started") on stderr.
    const watch = async (data: Buffer) => {
      out += data;
      if (done || !run.until || !out.includes(run.until)) return;
      done = true;
      const elapsed = performance.now() - started;
      const rss: number[] = [];
      let waited = 0;
      for (const at of run.rssAtMs ?? []) {
        await sleep(at - waited);
        waited = at;
        const status = await readFile(`/proc/${child.pid}/status`, "utf8");
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      }
      // Resolve once it is gone, so that its exit does not slow down the next run.
      child.once("close", () => resolve({ ms: elapsed, rss }));
      child.kill();
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("close", (code) => {
      if (done) return;
      if (run.until || code !== 0)
        reject(new Error(`${run.args.join(" ")} exited with ${code}: ${out.slice(0, 500)}`));
      else resolve({ ms: performance.now() - started, rss: [] });
    });
  });
}

/** Alternates `subject` and `baseline` RUNS times; medians of each. */
async function versus(subject: Run, baseline: Run, cwd: string) {
  const a: number[] = [];
  const b: number[] = [];
  await timed(subject, cwd);
  for (let i = 0; i < RUNS; i++) {
    a.push((await timed(subject, cwd)).ms);
    b.push((await timed(baseline, cwd)).ms);
  }
  return { subject: median(a), baseline: median(b) };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** When the idle processes' resident memory is read: soon after start, and once settled. V8's
 * memory reducer looks every 8 s and shrinks the heap once the allocation rate has been low for
 * a while: here at about 24 s after start, and once after 30 s. */
const RSS_AT_MS = [3000, 45_000];
const dir = await mkdtemp(join(tmpdir(), "mb-bench-startup-"));
const node = { args: ["-e", "0"] };

const version = await versus({ args: [bin, "--version"] }, node, dir);
console.log(
  ratioLine(
    "mailbrake --version",
    ms(version.subject),
    "node -e 0",
    ms(version.baseline),
    version.subject / version.baseline,
    2,
  ),
);

const status = await versus({ args: [bin, "status", "all"] }, node, dir);
console.log(
  ratioLine(
    "one-shot status all (sandbox)",
    ms(status.subject),
    "node -e 0",
    ms(status.baseline),
    status.subject / status.baseline,
    4,
  ),
);

const report = await versus({ args: [bin, "report", "all"] }, node, dir);
console.log(
  `${ratioLine("one-shot report all (sandbox, chart drawn)", ms(report.subject), "1 s", ms(1000), report.subject / 1000, 1)} (node -e 0: ${ms(report.baseline)})`,
);

const chat = await versus({ args: [bin, "chat"], until: "mailbrake> " }, node, dir);
console.log(
  ratioLine(
    "terminal chat ready (prompt shown)",
    ms(chat.subject),
    "node -e 0",
    ms(chat.baseline),
    chat.subject / chat.baseline,
    5,
  ),
);

// The bot with both chat platforms, against loopback fakes, idle after start-up.
const slack = await FakeSlack.start();
const discord = await new FakeDiscord({ applicationId: "300000000000000001" }).start();
/** Both chat platforms' settings, on a port of their own for each run. */
const chatEnv = async () => ({
  SLACK_BOT_TOKEN: "xoxb-bench-token-0123456789",
  SLACK_SIGNING_SECRET: "bench-signing-secret-0123456789",
  SLACK_API_URL: slack.apiUrl,
  PORT: String(await freePort()),
  DISCORD_TOKEN: "bench.discord.token",
  DISCORD_APPLICATION_ID: "300000000000000001",
  DISCORD_API_URL: discord.apiUrl,
});
const bot: Run = { args: [bin], until: "mailbrake started", rssAtMs: RSS_AT_MS };
// What Bolt listening, discord.js logged in and node-cron ticking cost by themselves: the
// floor under the bot's idle memory.
const librariesRunning: Run = { args: [join(root, "bench", "librariesRunning.mjs")], until: "loaded", rssAtMs: RSS_AT_MS };
/** A process that only loads the chat libraries and idles (the baseline). */
const idleProcess = (code: string): Run => ({
  args: [
    "--input-type=module",
    "-e",
    `await import("@slack/bolt"); await import("discord.js"); ${code} console.log("loaded"); setInterval(() => {}, 1000);`,
  ],
  until: "loaded",
  rssAtMs: RSS_AT_MS,
});
const baselines = [
  { name: "process loading @slack/bolt + discord.js", run: idleProcess(""), goal: 1.15 },
  // node-cron (a fixed choice) reads the clock through Intl.DateTimeFormat, which pages in
  // ICU's data: this baseline shows what is left of the bot's own share.
  {
    name: "the same scheduling one node-cron task",
    run: idleProcess(
      '(await import("node-cron")).default.schedule("* * * * *", () => {}, { timezone: "UTC" });',
    ),
    goal: undefined,
  },
  { name: "the libraries running (no mailbrake code)", run: librariesRunning, goal: undefined },
];
const rssRuns = 3;
/** Resident memory per process and reading time: [bot, ...baselines][time][run]. */
const readings: number[][][] = [bot, ...baselines].map(() => RSS_AT_MS.map(() => []));
for (let i = 0; i < rssRuns; i++) {
  bot.env = { LOG_LEVEL: "info", ...(await chatEnv()) };
  librariesRunning.env = await chatEnv();
  const runs = [{ run: bot, cwd: dir }, ...baselines.map((b) => ({ run: b.run, cwd: root }))];
  for (const [which, { run, cwd }] of runs.entries()) {
    for (const [at, rss] of (await timed(run, cwd)).rss.entries()) readings[which]?.[at]?.push(rss);
  }
}
RSS_AT_MS.forEach((at, index) => {
  const subject = median(readings[0]?.[index] ?? []);
  const when = `${at / 1000} s after start${index === RSS_AT_MS.length - 1 ? " (settled)" : ""}`;
  baselines.forEach(({ name, goal }, b) => {
    const baseline = median(readings[b + 1]?.[index] ?? []);
    const what = `idle RSS, Slack+Discord bot, ${when}`;
    if (goal !== undefined)
      console.log(ratioLine(what, mb(subject), name, mb(baseline), subject / baseline, goal));
    else
      console.log(
        `  against ${name}: ${mb(baseline)} | ratio ${(subject / baseline).toFixed(2)}× (no goal)`,
      );
  });
});
await slack.close();
await discord.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);
