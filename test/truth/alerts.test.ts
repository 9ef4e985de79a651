// Issue #17, cases 5 and 6: the release of held mail after an unblock is not a spike; an alert
// is posted once per incident, also across restarts.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { makeJobsApp } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, person } from "../helpers/testApp.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHOP = "shop-example.fr";
const seeds = [{ name: SHOP, maxPerDay: 50_000, profile: { dailyMails: 3000, errorRate: 0.02 }, historyDays: 20 }];
const env = { MAILBRAKE_ADMINS: "slack:ADMIN" };
const START = Date.UTC(2026, 10, 23, 8, 20);
const titled = (posts: Reply[], start: string) => posts.filter((p) => p.card?.title.startsWith(start));

describe("alerts that make sense", () => {
  const tempDir = useTempDir();

  it("the held e-mails released by an unblock raise no spike; the unblock's announcement says why", async () => {
    const clock = new ManualClock(START);
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: seeds, env });
    await app.jobs.tick();
    await click(app, person("ADMIN"), buttons(await ask(app, person("ADMIN"), `block ${SHOP} testing`))[0]!);
    for (let h = 1; h <= 10; h += 1) {
      clock.advance(HOUR);
      await app.jobs.tick();
    }
    await click(app, person("ADMIN"), buttons(await ask(app, person("ADMIN"), `unblock ${SHOP}`))[0]!);
    const announcement = app.sink.posts.at(-1)!;
    expect(announcement.text).toContain("The held e-mails go out in one burst as sending resumes: that is expected, not a spike");
    for (let m = 0; m < 4; m += 1) {
      clock.advance(5 * MINUTE);
      await app.jobs.tick();
    }
    expect((await app.sandbox.getMail(SHOP)).state).toBe("ok");
    expect(titled(app.sink.posts, "Unusual sending volume")).toEqual([]);
    await app.jobs.stop();
    await app.close();
  });

  it("a spam alert is posted once per incident, across restarts", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(START);
    let app = await makeJobsApp({ dataDir, clock, hostings: seeds, env });
    await app.jobs.tick();
    await app.sandbox.spamDrill(SHOP);
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    expect(titled(app.sink.posts, "Sending stopped for spam")).toHaveLength(1);
    for (let restart = 0; restart < 3; restart += 1) {
      await app.jobs.stop();
      await app.close();
      app = await makeJobsApp({ dataDir, clock, hostings: seeds, env });
      clock.advance(5 * MINUTE);
      await app.jobs.tick();
      expect(titled(app.sink.posts, "Sending stopped for spam")).toEqual([]);
    }
    await app.jobs.stop();
    await app.close();
  });
});
