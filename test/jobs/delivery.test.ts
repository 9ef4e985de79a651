// Posts no channel accepted are tried again, and a flapping provider does not flood the channel.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { HostingError, type HostingProvider } from "../../src/hosting/port.ts";
import { reportStateSchema } from "../../src/jobs/reportJob.ts";
import { channelOutage, flaky, makeJobsApp } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, person } from "../helpers/testApp.ts";
import { spyProvider } from "../helpers/providerSpy.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHOP = "shop-example.fr";
const seeds = [{ name: SHOP, maxPerDay: 5000, profile: { dailyMails: 300, errorRate: 0.02 }, historyDays: 20 }];
const env = { MAILBRAKE_ADMINS: "slack:ADMIN" };

const titled = (posts: Reply[], start: string) => posts.filter((p) => p.card?.title.startsWith(start));

describe("posts no channel accepted", () => {
  const tempDir = useTempDir();

  it("the daily report stays owed, and its period does not move on, until a channel takes it", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 8, 0));
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: seeds });
    const channel = channelOutage(app.sink);
    channel.down = true;
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(0);
    expect(await app.services.store.jobs.read("report", reportStateSchema, () => ({ lastTo: { none: 1 } }))).toEqual({ lastTo: {}, since: 0 });
    channel.down = false;
    clock.advance(MINUTE);
    await app.jobs.tick();
    expect(titled(app.sink.posts, "Daily error report")).toHaveLength(1);
    expect(app.sink.posts[0]!.text).toContain("From 23 Nov 2026, 08:00 UTC to 24 Nov 2026, 08:01 UTC");
    clock.advance(MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(1);
    await app.jobs.stop();
  });

  it("a hold warning and a state alert are posted on a later tick", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: seeds, env });
    await app.jobs.tick();
    const channel = channelOutage(app.sink);
    const [confirm] = buttons(await ask(app, person("ADMIN"), `block ${SHOP} testing a form`));
    await click(app, person("ADMIN"), confirm!);
    const before = app.sink.posts.length;

    channel.down = true;
    clock.advance(48 * HOUR);
    await app.jobs.tick();
    channel.down = false;
    clock.advance(MINUTE);
    await app.jobs.tick();
    const [warning] = titled(app.sink.posts.slice(before), "Hold ends in");
    expect(warning?.text).toContain(SHOP);

    await app.sandbox.spamDrill(SHOP);
    channel.down = true;
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    expect(titled(app.sink.posts, "Sending stopped for spam")).toHaveLength(0);
    channel.down = false;
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const [alert] = titled(app.sink.posts, "Sending stopped for spam");
    expect(alert!.text).toContain("[Purge emails]");
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    expect(titled(app.sink.posts, "Sending stopped for spam")).toHaveLength(1);
    await app.jobs.stop();
  });
});

describe("a spike alert no channel accepted", () => {
  const tempDir = useTempDir();

  it("is posted at the next look, once", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 8, 20));
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: seeds, env });
    await app.jobs.tick();
    const channel = channelOutage(app.sink);
    await app.sandbox.sendMails(SHOP, 280);
    channel.down = true;
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    expect(titled(app.sink.posts, "Unusual sending volume")).toHaveLength(0);
    channel.down = false;
    for (let i = 0; i < 2; i++) {
      clock.advance(5 * MINUTE);
      await app.jobs.tick();
    }
    const spikes = titled(app.sink.posts, "Unusual sending volume");
    expect(spikes).toHaveLength(1);
    expect(spikes[0]!.text).toContain("[Block the sending of emails]");
    await app.jobs.stop();
  });
});

describe("a flapping provider", () => {
  const tempDir = useTempDir();

  it("one failure message while it flaps; another only after 30 quiet minutes", async () => {
    const outage = { down: false, calls: 0 };
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 8, 20));
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: seeds, env, wrap: flaky(outage) });
    await app.jobs.tick();
    const failures = () => titled(app.sink.posts, "Could not read from the provider");
    outage.down = true;
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    // One message per job that could not read (the state watch, the error collection).
    const first = failures();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(2);
    for (let i = 0; i < 8; i++) {
      outage.down = i % 2 === 1;
      clock.advance(5 * MINUTE);
      await app.jobs.tick();
    }
    expect(failures()).toHaveLength(first.length);
    outage.down = false;
    for (let i = 0; i < 7; i++) {
      clock.advance(5 * MINUTE);
      await app.jobs.tick();
    }
    outage.down = true;
    clock.advance(5 * MINUTE);
    await app.jobs.tick();
    expect(failures().length).toBeGreaterThan(first.length);
    await app.jobs.stop();
  });
});

describe("a provider outage", () => {
  const tempDir = useTempDir();

  it("a pass stops after a few failures in a row and the report goes out on time with notes", async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      name: `shop-${String(i).padStart(2, "0")}.example`,
      maxPerDay: 5000,
      profile: { dailyMails: 100, errorRate: 0.01 },
    }));
    let calls = 0;
    // The list still answers (cached by the bot in real life); every hosting read fails.
    const readsDown = (provider: HostingProvider): HostingProvider =>
      spyProvider(provider, ({ method, call }) => {
        if (method === "listHostings") return call();
        calls += 1;
        return Promise.reject(new HostingError("timeout", "OVHcloud did not answer within 10000 ms"));
      });
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 8, 0));
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: many, wrap: readsDown });
    await app.jobs.tick();
    // Before: every hosting read four times in each of four passes (about 1,200 calls).
    expect(calls).toBeLessThan(many.length * 2);
    const [report] = titled(app.sink.posts, "Daily error report");
    expect(report!.text).toMatch(/Not read: state|Nothing could be read from the provider/);
    expect(titled(app.sink.posts, "Could not read from the provider").length).toBeGreaterThan(0);
    await app.jobs.stop();
  });
});
