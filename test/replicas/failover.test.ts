// Real `mailbrake` processes on one PostgreSQL database (the sandbox provider, the terminal
// chat on a kept-open standard input): one leader runs the scheduled work; a killed leader is
// replaced, a stopped one hands over, and a leader paused past its lease (SIGSTOP) finds on
// waking that it lost it, stops its jobs, and none of its late job writes lands.
// Passing the lease's 15 s is simulated by moving the lease row's deadline into the past; the
// other replica then takes over at its next attempt (every 5 s).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabase } from "../helpers/pg.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;
const tempDir = useTempDir();
const started: Replica[] = [];

class Replica {
  output = "";
  private waiters: { pattern: RegExp; from: number; resolve: () => void }[] = [];
  constructor(readonly child: ChildProcess) {
    const take = (d: Buffer) => {
      this.output += d.toString();
      for (const w of [...this.waiters]) {
        if (w.pattern.test(this.output.slice(w.from))) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
  }
  /** Resolves when `pattern` appears in the output written after this call. */
  next(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ pattern, from: this.output.length, resolve }));
  }
  /** Resolves when `pattern` appears anywhere in the output. */
  seen(pattern: RegExp): Promise<void> {
    if (pattern.test(this.output)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pattern, from: 0, resolve }));
  }
  get pid(): number {
    return this.child.pid!;
  }
}

async function replica(url: string): Promise<Replica> {
  const dataDir = await tempDir();
  const child = spawn(process.execPath, [bin, "chat"], {
    cwd: dataDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C", LOG_LEVEL: "info", DATABASE_URL: url, MAILBRAKE_DATA_FILE: join(dataDir, "mailbrake.json") },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const r = new Replica(child);
  started.push(r);
  await r.seen(/mailbrake started/);
  return r;
}

afterEach(() => {
  for (const r of started.splice(0)) {
    r.child.kill("SIGCONT");
    r.child.kill("SIGKILL");
  }
});

const LEADS = /leader: running the scheduled work/;

describe("replicas on one database", () => {
  it("one leader; a killed one is replaced, a paused one stands down on waking, a stopped one hands over", { timeout: 90_000 }, async () => {
    const url = await freshDatabase();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const lease = async () => (await db.query<{ holder: string | null; term: string }>("SELECT holder, term FROM mb_lease")).rows[0];
    const expire = () => db.query("UPDATE mb_lease SET expires_at = now() - interval '1 second'");
    try {
      const a = await replica(url);
      await a.seen(LEADS);
      const b = await replica(url);
      expect(b.output).not.toMatch(LEADS);
      expect((await lease())?.holder).toContain(`/${a.pid}/`);

      // The leader dies: once its lease runs out, the other replica takes over.
      a.child.kill("SIGKILL");
      const bLeads = b.next(LEADS);
      await expire();
      await bLeads;
      expect(await lease()).toMatchObject({ term: "2" });
      expect((await lease())?.holder).toContain(`/${b.pid}/`);

      // Split brain: the leader is paused past its lease and another takes over; on waking its
      // renewal is refused and it stops its jobs; every job write since carries the new term.
      const c = await replica(url);
      b.child.kill("SIGSTOP");
      const cLeads = c.next(LEADS);
      await expire();
      await cLeads;
      const terms = async () =>
        Object.fromEntries((await db.query<{ job: string; term: string }>("SELECT job, term FROM mb_job_state")).rows.map((r) => [r.job, r.term]));
      await c.seen(/mailbrake started/);
      const before = await terms();
      const bStands = b.next(/"why":"(lease taken over or expired|lease not renewed in time)"/);
      b.child.kill("SIGCONT");
      await bStands;
      // What the new leader wrote was not overwritten by the old one's late writes.
      const after = await terms();
      for (const [job, term] of Object.entries(before)) if (term === "3") expect(after[job]).toBe("3");
      expect(b.output).not.toMatch(/unhandled|uncaught/i);

      // A clean stop hands the lease over at once (no TTL to wait for).
      const bLeadsAgain = b.next(LEADS);
      c.child.kill("SIGTERM");
      await new Promise((resolve) => c.child.once("exit", resolve));
      expect(c.output).toMatch(/"why":"stopping"/);
      await bLeadsAgain;
      expect(await lease()).toMatchObject({ term: "4" });
      expect((await lease())?.holder).toContain(`/${b.pid}/`);
    } finally {
      await db.end();
    }
  });
});
