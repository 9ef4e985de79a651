// One-shot mutations killed with SIGKILL at random moments (a seeded RNG picks the moments,
// some right where the confirmation is recorded): every following start works, no confirmed
// action is lost, and no effect at the provider lacks an audit record after the next start.
// Only outcomes are asserted; the kill moments merely spread the kills over a command's life.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliRun, runCli } from "../helpers/cli.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { auditOf, expectClean, statesOf } from "../helpers/dataFolder.ts";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;

/** mulberry32: the same kill moments on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a run is killed: at a moment of its life, or right after one of its progress markers. */
type KillPoint = { afterMs: number } | { marker: string; delayMs: number };

/** The progress markers a one-shot command logs at debug level. */
const CLAIMED = "action claimed for execution";
const SENT = "provider action sent";

/** Runs the CLI (debug logs on stderr: its progress markers) and SIGKILLs it at `point` unless it ended first. */
function runKilled(args: string[], dataDir: string, point: KillPoint): Promise<CliRun & { killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: "C",
        LOG_LEVEL: "debug",
        MAILBRAKE_DATA_FILE: join(dataDir, "mailbrake.json"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const kill = (ms: number) => {
      timer ??= setTimeout(() => child.kill("SIGKILL"), ms);
    };
    if ("afterMs" in point) kill(point.afterMs);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      if ("marker" in point && stderr.includes(`"msg":"${point.marker}"`)) kill(point.delayMs);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // The person's lines only (the debug log lines are JSON).
      const lines = stderr.split("\n").filter((line) => !line.startsWith("{"));
      resolve({ code, stdout, stderr: lines.join("\n"), killed: signal === "SIGKILL" });
    });
  });
}

interface Confirmation {
  mutation: string;
  hosting: string;
  status: string;
  args: { email?: string };
}

describe("one-shot mutations killed at random moments", () => {
  const tempDir = useTempDir();

  it("≥ 100 SIGKILLs: every next start works, nothing confirmed is lost, no effect without an audit record", { timeout: 240_000 }, async () => {
    const dir = await tempDir();
    // A full command's life, to spread the kill moments over it.
    const started = Date.now();
    expectClean(await runCli(["recipient", "kahvila-aalto.fi", "first@example.com", "--yes"], { dataDir: dir }), "calibration");
    const life = Date.now() - started;
    const random = rng(14);
    // Four lanes at once: one cycles block → unblock → 10 minutes later (sending again), three
    // change report recipients.
    const cycle = [["block", "boulangerie-martin.fr", "drill", "--yes"], ["unblock", "boulangerie-martin.fr", "--yes"], ["advance", "10m"]];
    const lanes = [
      (i: number) => cycle[i % 3] as string[],
      (i: number) => ["recipient", "kahvila-aalto.fi", `k${i}@example.com`, "--yes"],
      (i: number) => ["recipient", "sklep-nowak.pl", `s${i}@example.com`, "--yes"],
      (i: number) => ["recipient", "boulangerie-martin.fr", `b${i}@example.com`, "--yes"],
    ];
    // Some of those kills left actions executing: the next starts settled them (recorded below).
    const KILLS_PER_LANE = 25;
    const laneRuns = await Promise.all(
      lanes.map(async (command) => {
        let kills = 0;
        let aimed = 0;
        const clean: CliRun[] = [];
        for (let i = 0; kills < KILLS_PER_LANE; i++) {
          // A third anywhere in a command's life; the rest right after the confirmation is
          // recorded or right after the provider was called (at once, or up to 25 ms later).
          const r = random();
          const delayMs = Math.floor(random() * 25);
          const point: KillPoint =
            r < 1 / 3 ? { afterMs: random() * life } : r < 2 / 3 ? { marker: CLAIMED, delayMs } : { marker: SENT, delayMs };
          const run = await runKilled(command(i), dir, point);
          if (run.killed) {
            kills += 1;
            if ("marker" in point) aimed += 1;
          } else clean.push(run);
        }
        return { kills, aimed, clean };
      }),
    );
    expect(laneRuns.reduce((sum, lane) => sum + lane.kills, 0)).toBeGreaterThanOrEqual(100);
    expect(laneRuns.reduce((sum, lane) => sum + lane.aimed, 0)).toBeGreaterThanOrEqual(30);
    // Every start after a kill worked: the runs that were not killed ended cleanly.
    for (const lane of laneRuns) for (const run of lane.clean) expectClean(run, run.stderr);

    // The next start settles what the killed processes left executing.
    const states = await statesOf(dir);
    const doc = JSON.parse(await readFile(join(dir, "mailbrake.json"), "utf8"));
    const confirmations = Object.values(doc.confirmations) as Confirmation[];
    expect(confirmations.filter((c) => c.status === "executing")).toEqual([]);
    const audit = await auditOf(dir);
    expect(audit.filter((r) => r.outcome?.startsWith("reconciled:")).length).toBeGreaterThan(0);
    const records = (events: string[], command: string, hosting: string) =>
      audit.filter((r) => events.includes(r.event) && r.command === command && r.hosting === hosting).length;
    const decided = (statuses: string[], command: string, hosting: string) =>
      confirmations.filter((c) => statuses.includes(c.status) && c.mutation === command && c.hosting === hosting).length;

    // Nothing confirmed is lost: each settled action has its audit record.
    for (const [command, hosting] of [
      ["block", "boulangerie-martin.fr"],
      ["unblock", "boulangerie-martin.fr"],
      ["recipient", "kahvila-aalto.fi"],
      ["recipient", "sklep-nowak.pl"],
      ["recipient", "boulangerie-martin.fr"],
    ] as const) {
      expect(records(["executed"], command, hosting)).toBeGreaterThanOrEqual(decided(["done"], command, hosting));
      expect(records(["failed"], command, hosting)).toBeGreaterThanOrEqual(decided(["failed"], command, hosting));
      expect(records(["unknown"], command, hosting)).toBeGreaterThanOrEqual(decided(["unknown"], command, hosting));
    }
    // No effect without an audit record: each provider task (block, unblock) has one, and none was sent twice.
    const sandbox = JSON.parse(await readFile(join(dir, "sandbox.json"), "utf8"));
    const tasks = sandbox.nextTask - 1;
    const settled = (command: string) => records(["executed", "unknown"], command, "boulangerie-martin.fr");
    expect(settled("block") + settled("unblock")).toBeGreaterThanOrEqual(tasks);
    const mayHaveActed = decided(["done", "unknown"], "block", "boulangerie-martin.fr") + decided(["done", "unknown"], "unblock", "boulangerie-martin.fr");
    expect(tasks).toBeLessThanOrEqual(mayHaveActed);
    // The recipient each hosting has now came from an action recorded as executed.
    for (const hosting of ["kahvila-aalto.fi", "sklep-nowak.pl", "boulangerie-martin.fr"]) {
      const email = states[hosting]?.reportRecipient;
      const source = confirmations.find((c) => c.mutation === "recipient" && c.hosting === hosting && c.args.email === email);
      if (email === "first@example.com" || email?.startsWith("postmaster@")) continue;
      expect(source?.status, `${hosting} → ${email}`).toBe("done");
    }
  });
});
