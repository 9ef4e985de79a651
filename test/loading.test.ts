// Each command loads only the libraries it uses: the built CLI runs in a child process with
// a module tracer preloaded (helpers/loadTrace.mjs), and the test reads what it loaded.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FakeSlack } from "./fakes/slackApi.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "./fakes/slackRequests.ts";
import { useTempDir } from "./helpers/tempDir.ts";

const bin = fileURLToPath(new URL("../bin/mailbrake.js", import.meta.url));
const tracer = new URL("./helpers/loadTrace.mjs", import.meta.url).href;

const CHAT = ["@slack/bolt", "@slack/web-api", "discord.js", "@discordjs/ws"];
const CHART = ["vega", "vega-lite", "@resvg/resvg-js"];
const OVH = ["@ovhcloud/node-ovh"];

/** The packages (node_modules folders) a run of the CLI loaded. */
async function packagesLoaded(
  args: string[],
  dataDir: string,
  bot?: { env: Record<string, string>; startedLine: string },
): Promise<string[]> {
  const traceFile = join(dataDir, "trace.txt");
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", tracer, bin, ...args], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: "C",
        MAILBRAKE_DATA_FILE: join(dataDir, "mailbrake.json"),
        LOAD_TRACE_FILE: traceFile,
        ...bot?.env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    // A running bot is asked for its trace once its log says it started, then stopped.
    let log = "";
    child.stderr.on("data", (data) => {
      const before = log;
      log += data;
      if (!bot) return;
      if (!before.includes(bot.startedLine) && log.includes(bot.startedLine)) child.kill("SIGUSR2");
      if (!before.includes("load trace written") && log.includes("load trace written")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (!bot) expect(code).toBe(0);
  // A library bundled into a chunk of dist/ (scripts/build.mjs lists them) counts as loaded
  // with its chunk.
  const bundled = JSON.parse(await readFile(new URL("../dist/bundled.json", import.meta.url), "utf8")) as Record<string, string[]>;
  const names = new Set<string>();
  for (const line of (await readFile(traceFile, "utf8")).split("\n")) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (match?.[1]) names.add(match[1]);
    const chunk = /\/dist\/([^/]+\.js)$/.exec(line)?.[1];
    for (const name of (chunk && bundled[chunk]) || []) names.add(name);
  }
  return [...names].sort();
}

describe("what a command loads", () => {
  const tempDir = useTempDir();

  it("--version loads no library at all", async () => {
    expect(await packagesLoaded(["--version"], await tempDir())).toEqual([]);
  });

  it("--help loads only the message catalogs' library", async () => {
    expect(await packagesLoaded(["--help"], await tempDir())).toEqual(["i18next"]);
  });

  it.each([["status", "all"], ["report", "all"], ["history"]])(
    "one-shot %s (sandbox) loads no chat library, no chart library, no OVHcloud client, no scheduler",
    async (...args) => {
      const loaded = await packagesLoaded(args, await tempDir());
      // The tracer sees what the command does need.
      expect(loaded).toEqual(expect.arrayContaining(["i18next", "zod"]));
      for (const name of [...CHAT, ...CHART, ...OVH]) expect(loaded).not.toContain(name);
      // Nor the scheduler: a one-shot command runs no job.
      expect(loaded).not.toContain("node-cron");
      // Nor the logger: a one-shot command writes no log line unless LOG_LEVEL asks for them.
      expect(loaded).not.toContain("pino");
    },
  );

  it("the bot with only Slack configured loads Slack's library, not Discord's, nor the chart or OVHcloud ones", async () => {
    const fake = await FakeSlack.start();
    try {
      const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0" };
      const loaded = await packagesLoaded([], await tempDir(), { env, startedLine: "mailbrake started" });
      expect(loaded).toContain("@slack/bolt");
      for (const name of ["discord.js", "@discordjs/ws", ...CHART, ...OVH]) expect(loaded).not.toContain(name);
    } finally {
      await fake.close();
    }
  });
});
