// Split brain at report time, in one process for a controlled clock: the old leader (paused
// past its lease) ticks late after another replica took over. Its fenced job writes are
// refused before anything is posted; the new leader posts the daily report exactly once.
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { Jobs } from "../../src/jobs/jobs.ts";
import { reportStateSchema } from "../../src/jobs/reportJob.ts";
import { stopChartProcess } from "../../src/jobs/report/chartProcess.ts";
import type { PgStore } from "../../src/store/pg/pgStore.ts";
import { freshDatabase } from "../helpers/pg.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { makeTestApp, type TestApp } from "../helpers/testApp.ts";

const tempDir = useTempDir();
const MINUTE = 60_000;
afterAll(() => stopChartProcess());

async function leaderJobs(app: TestApp, holder: string): Promise<Jobs> {
  const store = app.services.store as PgStore;
  const lease = await store.lease.acquire(holder, 15_000);
  if (!lease) throw new Error(`${holder} did not get the lease`);
  return Jobs.create({ ...app, services: { ...app.services, store: store.fencedBy(lease.term) } }, { sleep: async () => undefined });
}

const reports = (app: TestApp) => app.sink.posts.filter((p) => p.card?.title === "Daily error report");

describe("split brain at report time", () => {
  it("the paused leader's late tick posts nothing; the new leader posts the report once", { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 7, 55));
    const env = { DATABASE_URL: url };
    const a = await makeTestApp({ dataDir: await tempDir(), clock, env });
    const b = await makeTestApp({ dataDir: await tempDir(), clock, env });
    try {
      await a.services.store.jobs.write("report", reportStateSchema, { lastTo: {}, since: 0 });
      const jobsA = await leaderJobs(a, "replica-a");
      await jobsA.tick();
      // a is paused past its lease; b takes over.
      await (a.services.store as PgStore).pool.query("UPDATE mb_lease SET expires_at = now() - interval '1 second'");
      const jobsB = await leaderJobs(b, "replica-b");
      clock.advance(10 * MINUTE);
      await expect(jobsA.tick()).rejects.toThrow(/no longer held/);
      await jobsB.tick();
      await expect(jobsA.tick()).rejects.toThrow(/no longer held/);
      clock.advance(10 * MINUTE);
      await jobsB.tick();
      expect(reports(a)).toHaveLength(0);
      expect(reports(b)).toHaveLength(1);
      await Promise.all([jobsA.stop(), jobsB.stop()]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
