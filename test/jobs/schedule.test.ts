import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { ConfigError } from "../../src/errors.ts";
import { CronTimes } from "../../src/jobs/cronTimes.ts";
import { makeJobsApp, TargetSink } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHOP = "shop-example.fr";
const seeds = [{ name: SHOP, maxPerDay: 5000, profile: { dailyMails: 300, errorRate: 0.02 }, historyDays: 20 }];

describe("cron times", () => {
  it("follows the time zone across the spring DST change in Europe/Paris", () => {
    const times = new CronTimes("0 8 * * *", "Europe/Paris");
    // 28 March 2026 is CET (UTC+1), 29 March is CEST (UTC+2).
    expect(times.lastAtOrBefore(Date.UTC(2026, 2, 28, 12, 0))).toBe(Date.UTC(2026, 2, 28, 7, 0));
    expect(times.lastAtOrBefore(Date.UTC(2026, 2, 29, 12, 0))).toBe(Date.UTC(2026, 2, 29, 6, 0));
    expect(times.lastAtOrBefore(Date.UTC(2026, 2, 29, 6, 59))).toBe(Date.UTC(2026, 2, 29, 6, 0));
    expect(times.lastAtOrBefore(Date.UTC(2026, 2, 29, 5, 59))).toBe(Date.UTC(2026, 2, 28, 7, 0));
    times.dispose();
  });

  it("follows the autumn change back and other expressions", () => {
    const times = new CronTimes("30 6 * * 1-5", "Europe/Paris");
    // Sunday 25 October 2026 back to CET; Monday 26th 06:30 local is 05:30 UTC.
    expect(times.lastAtOrBefore(Date.UTC(2026, 9, 26, 12, 0))).toBe(Date.UTC(2026, 9, 26, 5, 30));
    expect(times.lastAtOrBefore(Date.UTC(2026, 9, 26, 5, 29))).toBe(Date.UTC(2026, 9, 23, 4, 30));
    expect(times.lastAtOrBefore(Date.UTC(2026, 9, 23, 12, 0))).toBe(Date.UTC(2026, 9, 23, 4, 30));
    times.dispose();
    const utc = new CronTimes("0 8 * * *", "UTC");
    expect(utc.lastAtOrBefore(Date.UTC(2026, 2, 29, 12, 0))).toBe(Date.UTC(2026, 2, 29, 8, 0));
    utc.dispose();
  });

  it.each(["every day", "0 8 * *", "0 25 * * *", "0 0 8 * * *"])("refuses %j with the variable's name", (expression) => {
    expect(() => new CronTimes(expression, "UTC")).toThrow(ConfigError);
    expect(() => new CronTimes(expression, "UTC")).toThrow(/MAILBRAKE_REPORT_CRON/);
  });
});

describe("report schedule across restarts", () => {
  const tempDir = useTempDir();

  it("a report due while the bot was down is posted late, once, even after another restart", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 11, 30)); // due 08:00 UTC, up at 11:30
    let app = await makeJobsApp({ dataDir, clock, hostings: seeds });
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(1);
    expect(app.sink.posts[0]!.text).toContain("Posted late: it was due at 24 Nov 2026, 08:00 UTC");
    clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(1);
    await app.jobs.stop();
    await app.close();

    clock.advance(HOUR);
    app = await makeJobsApp({ dataDir, clock, hostings: seeds });
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(0); // the new process's sink: nothing posted again
    await app.jobs.stop();
    await app.close();
  });

  it("a fresh install started after the day's report time posts no 'late' report that day", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 11, 30));
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds, fresh: true });
    const reports = () => app.sink.posts.filter((p) => p.card?.title.startsWith("Daily error report"));
    await app.jobs.tick();
    expect(reports()).toHaveLength(0);
    clock.advance(21 * HOUR); // the next day's 08:30: that report is owed as usual
    await app.jobs.tick();
    expect(reports()).toHaveLength(1);
    await app.jobs.stop();
  });

  it("a report missed on a day that is over is not posted the next day", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 7, 30)); // yesterday's 08:00 missed
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds });
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(0);
    clock.advance(30 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(1);
    expect(app.sink.posts[0]!.text).not.toContain("Posted late");
    await app.jobs.stop();
  });

  it("honours MAILBRAKE_REPORT_CRON and MAILBRAKE_TZ, and the next report starts where the last ended", async () => {
    const dataDir = await tempDir();
    // 07:00 in Paris is 06:00 UTC in winter.
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 5, 50));
    const app = await makeJobsApp({
      dataDir,
      clock,
      hostings: seeds,
      env: { MAILBRAKE_REPORT_CRON: "0 7 * * *", MAILBRAKE_TZ: "Europe/Paris" },
    });
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(0);
    clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(1);
    expect(app.sink.posts[0]!.text).toContain("23 Nov 2026, 07:00 CET to 24 Nov 2026, 07:00 CET");
    clock.advance(24 * HOUR + 5 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(2);
    expect(app.sink.posts[1]!.text).toContain("From 24 Nov 2026, 07:00 CET to 25 Nov 2026, 07:05 CET");
    await app.jobs.stop();
  });

  it("08:00 in Europe/Paris is 07:00 UTC before the spring change and 06:00 UTC after, once a day", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 2, 28, 6, 55));
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds, env: { MAILBRAKE_TZ: "Europe/Paris" } });
    const postedAt: number[] = [];
    while (clock.now() < Date.UTC(2026, 2, 29, 8, 0)) {
      clock.advance(5 * MINUTE);
      const before = app.sink.posts.length;
      await app.jobs.tick();
      if (app.sink.posts.length > before) postedAt.push(clock.now());
    }
    expect(postedAt).toEqual([Date.UTC(2026, 2, 28, 7, 0), Date.UTC(2026, 2, 29, 6, 0)]);
    expect(app.sink.posts[1]!.text).toContain("From 28 Mar 2026, 08:00 CET to 29 Mar 2026, 08:00 CEST");
    await app.jobs.stop();
    // 300 ticks: about 8 s alone, 20 s and more on a busy 2-core machine; the timeout only guards a hang.
  }, 120_000);

  it("start() catches up at once through node-cron's runner and stop() ends it", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds });
    app.jobs.start();
    await vi.waitFor(() => expect(app.sink.posts).toHaveLength(1), { timeout: 5_000, interval: 20 });
    expect(app.sink.posts[0]!.text).toContain("Posted late");
    await app.jobs.stop();
  });

  it("start(): the report task and the tick due at the same minute post the report once", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 8, 0));
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds });
    // The tick's report post waits at the gate while node-cron's next minute comes.
    let entries = 0;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const post = app.sink.post.bind(app.sink);
    app.sink.post = async (reply) => {
      entries += 1;
      await gate;
      return post(reply);
    };
    const realTimeout = globalThis.setTimeout;
    const turn = () => new Promise((resolve) => realTimeout(resolve, 5));
    vi.useFakeTimers({
      now: Date.UTC(2026, 10, 24, 7, 59, 59, 500),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    try {
      app.jobs.start();
      for (let i = 0; i < 600 && entries === 0; i++) await turn();
      expect(entries).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000); // 08:00:00: "report" (0 8 * * *) and "tick" fire
      for (let i = 0; i < 100 && entries < 2; i++) await turn();
      open();
      for (let i = 0; i < 600 && app.sink.posts.length === 0; i++) await turn();
      for (let i = 0; i < 20; i++) await turn();
      expect(entries).toBe(1);
      expect(app.sink.posts).toHaveLength(1);
    } finally {
      vi.useRealTimers();
      await app.jobs.stop();
    }
  });

  it("one report per channel: a hosting with its own channel in the policy gets its own, in its language", async () => {
    const dataDir = await tempDir();
    const { writeFile } = await import("node:fs/promises");
    const policy = `${dataDir}/policy.json`;
    await writeFile(policy, JSON.stringify({ channels: { hostings: { "kahvila-aalto.fi": { slack: "C-FI", language: "fi" } } } }));
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 8, 0));
    const app = await makeJobsApp({ dataDir, clock, env: { MAILBRAKE_CONFIG: policy } });
    const targets = new TargetSink();
    app.services.notifier.add(targets);
    await app.jobs.tick();
    expect(targets.targets).toEqual([{}, { hosting: "kahvila-aalto.fi" }]);
    expect(app.sink.posts).toHaveLength(2);
    const [main, finnish] = app.sink.posts;
    expect(main!.text).toContain("boulangerie-martin.fr");
    expect(main!.text).not.toContain("kahvila-aalto.fi");
    expect(finnish!.text).toContain("Päivittäinen virheraportti");
    expect(finnish!.text).toContain("kahvila-aalto.fi");
    await app.jobs.stop();
  });
});
