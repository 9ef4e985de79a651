// Early warning: a sudden rise of blocklisting, spam or authentication errors posts one alert
// per incident, with a Block offer, before the provider stops the hosting.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { makeJobsApp, ScriptedErrors } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { buttons, click, person } from "../helpers/testApp.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHOP = "shop-example.fr";
// A Monday 08:20 UTC: the day's report is already out.
const START = Date.UTC(2026, 10, 23, 8, 20);
const BLOCKED = (i: number) =>
  `554 5.7.1 Service unavailable; Client host [46.105.1.${i % 200}] blocked using zen.spamhaus.org`;
const SPAM = () => "550 5.7.1 Message rejected as spam by Content Filtering";
const UNKNOWN = (i: number) =>
  `550 5.1.1 <user${i}@gmail.com>: Recipient address rejected: User unknown`;
const to = (i: number) => `user${i}@gmail.com`;

const rises = (posts: Reply[]) =>
  posts.filter((p) => p.card?.title.startsWith("Sudden rise of refused mail"));

describe("early warning on refused mail", () => {
  const tempDir = useTempDir();

  async function setup() {
    const scripted = new ScriptedErrors();
    const app = await makeJobsApp({
      dataDir: await tempDir(),
      clock: new ManualClock(START),
      hostings: [
        {
          name: SHOP,
          maxPerDay: 5000,
          profile: { dailyMails: 300, errorRate: 0 },
          historyDays: 20,
        },
      ],
      env: { MAILBRAKE_ADMINS: "slack:ADMIN" },
      wrap: (sandbox) => scripted.wrap(sandbox),
    });
    await app.jobs.tick();
    return { app, scripted };
  }

  it("a burst of blocklisted and spam errors → one alert naming them and the list, with Block", async () => {
    const { app, scripted } = await setup();
    scripted.add(
      SHOP,
      app.clock.now() - 2 * MINUTE,
      25,
      (i) => (i % 5 === 0 ? SPAM() : BLOCKED(i)),
      to,
    );
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    const [alert, ...more] = rises(app.sink.posts);
    expect(more).toEqual([]);
    expect(alert!.card!.title).toBe(`Sudden rise of refused mail: ${SHOP}`);
    expect(alert!.text).toContain("Sending server blocked: 20 in the last hour (usually 0)");
    expect(alert!.text).toContain("Taken for spam: 5 in the last hour (usually 0)");
    expect(alert!.text).toContain("Blocklist named: Spamhaus.");
    expect(alert!.text).toContain("[Block the sending of emails]");

    // The incident goes on: no second alert.
    scripted.add(SHOP, app.clock.now() - MINUTE, 30, BLOCKED, to);
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(rises(app.sink.posts)).toHaveLength(1);

    const opened = await click(app, person("ADMIN"), buttons(alert!)[0]!);
    await click(app, person("ADMIN"), buttons(opened.notice!)[0]!);
    expect((await app.sandbox.getMail(SHOP)).state).toBe("ko");
    await app.jobs.stop();
  });

  it("ordinary errors post nothing", async () => {
    const { app, scripted } = await setup();
    scripted.add(SHOP, app.clock.now() - 2 * MINUTE, 80, UNKNOWN, to);
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(rises(app.sink.posts)).toEqual([]);

    await app.jobs.stop();
  });

  it("warning errors at their usual rate post nothing", async () => {
    const { app, scripted } = await setup();
    // The day before: about 24 blocklisted errors an hour, already collected.
    const now = app.clock.now();
    await app.jobs.errors.appendMany(
      Array.from({ length: 24 * 24 }, (_, i) => ({
        at: now - 25 * HOUR + i * 150_000,
        hosting: SHOP,
        to: to(i),
        message: BLOCKED(i),
      })),
    );
    scripted.add(SHOP, now - 2 * MINUTE, 25, BLOCKED, to);
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(rises(app.sink.posts)).toEqual([]);
    await app.jobs.stop();
  });

  it("a steady stream of warning errors is one incident, not an alert every hour", async () => {
    const { app, scripted } = await setup();
    // 30 an hour for 12 hours.
    for (let step = 0; step < 36; step++) {
      scripted.add(SHOP, app.clock.now() - MINUTE, 10, BLOCKED, to);
      app.clock.advance(20 * MINUTE);
      await app.jobs.tick();
    }
    expect(rises(app.sink.posts)).toHaveLength(1);
    await app.jobs.stop();
  });

  it("a new rise after a quiet spell is a new incident", async () => {
    const { app, scripted } = await setup();
    scripted.add(SHOP, app.clock.now() - 2 * MINUTE, 25, BLOCKED, to);
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(rises(app.sink.posts)).toHaveLength(1);
    app.clock.advance(3 * HOUR);
    await app.jobs.tick();
    scripted.add(SHOP, app.clock.now() - 2 * MINUTE, 30, SPAM, to);
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(rises(app.sink.posts)).toHaveLength(2);
    await app.jobs.stop();
  });
});
