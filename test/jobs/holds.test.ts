import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { makeJobsApp } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, person } from "../helpers/testApp.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHOP = "shop-example.fr";
const seeds = [{ name: SHOP, maxPerDay: 5000, profile: { dailyMails: 300, errorRate: 0.02 }, historyDays: 20 }];
const env = { MAILBRAKE_ADMINS: "slack:ADMIN" };
const START = Date.UTC(2026, 10, 24, 9, 0);

const warnings = (posts: Reply[]) => posts.filter((p) => p.card?.title.startsWith("Hold ends in"));

describe("hold expiry warnings", () => {
  const tempDir = useTempDir();

  async function blockedByBot(dataDir: string, clock: ManualClock) {
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds, env });
    await app.jobs.tick(); // the watch sees the hosting sending
    const [confirm] = buttons(await ask(app, person("ADMIN"), `block ${SHOP} testing a form`));
    await click(app, person("ADMIN"), confirm!);
    return app;
  }

  it("warns at 24 h, 6 h and 1 h before the 72 hours end, once each, across a restart", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(START);
    let app = await blockedByBot(dataDir, clock);
    const blockedAt = clock.now();
    const at = async (offset: number) => {
      clock.set(blockedAt + offset);
      await app.jobs.tick();
    };
    await at(48 * HOUR - MINUTE);
    expect(warnings(app.sink.posts)).toHaveLength(0);
    await at(48 * HOUR);
    expect(warnings(app.sink.posts)).toHaveLength(1);
    const first = warnings(app.sink.posts)[0]!;
    expect(first.card!.title).toBe(`Hold ends in 24 hrs: ${SHOP}`);
    expect(first.text).toContain("has been stopped since 24 Nov 2026, 09:00 UTC (disabled");
    expect(first.text).not.toContain("at the latest");
    expect(first.card!.blocks.at(-1)).toMatchObject({ type: "actions" });
    expect(first.text).toContain("[Unblock the sending of emails] [Purge emails]");
    await at(50 * HOUR);
    await at(66 * HOUR - MINUTE);
    expect(warnings(app.sink.posts)).toHaveLength(1);
    await at(66 * HOUR);
    expect(warnings(app.sink.posts).map((p) => p.card!.title)).toEqual([
      `Hold ends in 24 hrs: ${SHOP}`,
      `Hold ends in 6 hrs: ${SHOP}`,
    ]);

    await app.jobs.stop();
    await app.close();
    app = await makeJobsApp({ dataDir, clock, hostings: seeds, env });
    await at(66 * HOUR + 10 * MINUTE);
    expect(warnings(app.sink.posts)).toHaveLength(0);
    await at(71 * HOUR);
    await at(71 * HOUR + 30 * MINUTE);
    expect(warnings(app.sink.posts).map((p) => p.card!.title)).toEqual([`Hold ends in 1 hr: ${SHOP}`]);
    // No alert was raised for the bot's own block.
    expect(app.sink.posts.some((p) => p.card?.title.startsWith("Sending disabled"))).toBe(false);
    await app.jobs.stop();
  });

  it("after downtime posts only the closest warning passed, never the ones it overtook", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(START);
    const app = await blockedByBot(dataDir, clock);
    clock.advance(67 * HOUR);
    await app.jobs.tick();
    await app.jobs.tick();
    expect(warnings(app.sink.posts).map((p) => p.card!.title)).toEqual([`Hold ends in 5 hrs: ${SHOP}`]);
    await app.jobs.stop();
  });

  it("a warning's button opens a normal confirmation for the clicker; a viewer is refused", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(START);
    const app = await blockedByBot(dataDir, clock);
    clock.advance(48 * HOUR);
    await app.jobs.tick();
    const [unblock, purge] = buttons(warnings(app.sink.posts)[0]!);
    const viewer = await click(app, person("VIEWER"), purge!);
    expect(viewer.update).toBeUndefined();
    expect(viewer.notice!.failed).toBe(true);
    const opened = await click(app, person("ADMIN"), unblock!);
    expect(opened.update).toBeUndefined();
    const [confirm] = buttons(opened.notice!);
    expect(opened.notice!.text).toContain("Unblock the sending of emails");
    await click(app, person("ADMIN"), confirm!);
    expect((await app.sandbox.getMail(SHOP)).state).toBe("ko"); // unblocking takes a minute
    clock.advance(2 * MINUTE);
    expect((await app.sandbox.getMail(SHOP)).state).toBe("ok");
    await app.jobs.stop();
  });

  it("a hold the bot only saw says 'at the latest'", async () => {
    const dataDir = await tempDir();
    const clock = new ManualClock(START);
    const app = await makeJobsApp({ dataDir, clock, hostings: seeds, env });
    await app.jobs.tick();
    await app.sandbox.requestAction(SHOP, "BLOCK"); // from the control panel
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    clock.advance(48 * HOUR);
    await app.jobs.tick();
    const [warning] = warnings(app.sink.posts);
    expect(warning!.text).toContain("since 24 Nov 2026, 09:05 UTC at the latest");
    await app.jobs.stop();
  });
});
