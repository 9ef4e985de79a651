// `report <hosting|all>` is a service the core is given (`services.reports`), built from the
// real configuration: a one-shot report honours the user's settings, and running jobs serve
// it from the errors they collected while they run.
import { afterAll, describe, expect, it } from "vitest";
import { stopChartProcess } from "../../src/jobs/report/chartProcess.ts";
import { makeJobsApp } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, makeTestApp, person } from "../helpers/testApp.ts";

const OVH = {
  OVH_APPLICATION_KEY: "ak",
  OVH_APPLICATION_SECRET: "as",
  OVH_CONSUMER_KEY: "ck",
};

describe("the on-demand report service", () => {
  const tempDir = useTempDir();
  afterAll(() => stopChartProcess());

  it("is built from the user's settings, not the defaults", async () => {
    const app = await makeTestApp({
      dataDir: await tempDir(),
      env: { ...OVH, MAILBRAKE_TZ: "Europe/Helsinki", MAILBRAKE_ERROR_RETENTION_DAYS: "3", MAILBRAKE_COLLECT_MINUTES: "30" },
    });
    try {
      expect(app.services.reports).toBe(app.reports);
      expect(app.reports.settings.timeZone).toBe("Europe/Helsinki");
      expect(app.reports.settings.retentionMs).toBe(3 * 86_400_000);
      expect(app.reports.settings.collectEveryMs).toBe(30 * 60_000);
      // The OVHcloud client retries its own reads: no second layer of retries on top.
      expect(app.reports.settings.retries).toBe(0);
    } finally {
      await app.close();
    }
  });

  it("running jobs serve it while they run; after they stop it reads the provider once", async () => {
    const app = await makeJobsApp({ dataDir: await tempDir() });
    try {
      const served: string[][] = [];
      const live = app.jobs.report;
      const original = live.onDemand.bind(live);
      live.onDemand = async (hostings, language) => {
        served.push(hostings);
        return original(hostings, language);
      };
      expect((await ask(app, person("U1"), "report all")).failed).toBeFalsy();
      expect(served).toHaveLength(1);
      await app.jobs.stop();
      expect((await ask(app, person("U1"), "report all")).failed).toBeFalsy();
      expect(served).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
