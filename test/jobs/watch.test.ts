import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { HostingError, type HostingProvider } from "../../src/hosting/port.ts";
import { flaky, makeJobsApp } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { buttons, click, person } from "../helpers/testApp.ts";
import { spyProvider } from "../helpers/providerSpy.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHOP = "shop-example.fr";
const LEAKY = "leaky-newsletter.nl";
const seeds = [
  { name: SHOP, maxPerDay: 5000, profile: { dailyMails: 300, errorRate: 0.02 }, historyDays: 20 },
  { name: LEAKY, maxPerDay: 5000, profile: { dailyMails: 2000, errorRate: 0.6 }, historyDays: 20 },
];
const env = { MAILBRAKE_ADMINS: "slack:ADMIN" };
// A Monday 08:20 UTC: the day's report is already out when the tests start.
const START = Date.UTC(2026, 10, 23, 8, 20);

const titled = (posts: Reply[], start: string) => posts.filter((p) => p.card?.title.startsWith(start));

describe("state watch and alerts", () => {
  const tempDir = useTempDir();

  async function setup(wrap?: Parameters<typeof makeJobsApp>[0]["wrap"]) {
    const app = await makeJobsApp({ dataDir: await tempDir(), clock: new ManualClock(START), hostings: seeds, env, wrap });
    await app.jobs.tick();
    return app;
  }

  it("spam drill → alert with a purge offer → purge confirmed → all-clear on the same message", async () => {
    const app = await setup();
    await app.sandbox.spamDrill(SHOP);
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const [alert] = titled(app.sink.posts, "Sending stopped for spam");
    expect(alert!.card!.title).toBe(`Sending stopped for spam: ${SHOP}`);
    expect(alert!.text).toContain("Spam blocks are lifted by the provider's support");
    expect(alert!.text).toContain("[Purge emails]");
    const alertId = String(app.sink.posts.indexOf(alert!) + 1);

    const [purge] = buttons(alert!);
    const opened = await click(app, person("ADMIN"), purge!);
    const [confirm] = buttons(opened.notice!);
    await click(app, person("ADMIN"), confirm!);
    expect((await app.sandbox.getMail(SHOP)).state).toBe("purging");
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    const edits = app.sink.edits.filter((e) => e.ref.id === alertId);
    expect(edits.map((e) => e.reply.card!.blocks.at(-1))).toEqual([
      { type: "context", text: expect.stringMatching(/^Now purge/) },
      { type: "context", text: expect.stringMatching(/^All clear: shop-example.fr is enabled/) },
    ]);
    expect(edits.at(-1)!.reply.card!.tone).toBe("success");
    expect(buttons(edits.at(-1)!.reply)).toEqual([]);
    expect(titled(app.sink.posts, "Sending stopped for spam")).toHaveLength(1);
    await app.jobs.stop();
  });

  it("a bounce stop (here found on first sight) offers 'Unblock the sending of emails (threshold doubles)' and purge; one alert per incident", async () => {
    const app = await setup();
    app.clock.advance(HOUR);
    await app.jobs.tick();
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const alerts = titled(app.sink.posts, "Sending stopped for errors");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.card!.title).toBe(`Sending stopped for errors: ${LEAKY}`);
    expect(alerts[0]!.text).toContain("[Unblock the sending of emails (threshold doubles)] [Purge emails]");
    await app.jobs.stop();
  });

  it("a block done elsewhere raises an alert; the bot's own block does not", async () => {
    const app = await setup();
    await app.sandbox.requestAction(SHOP, "BLOCK");
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const [alert] = titled(app.sink.posts, "Sending disabled");
    expect(alert!.text).toContain("mailbrake did not do it");
    expect(alert!.text).toContain("[Unblock the sending of emails] [Purge emails]");
    await app.jobs.stop();
  });

  it("a volume spike → 'Block the sending of emails' → blocked by the clicker → the alert is updated, no second alert", async () => {
    const app = await setup();
    await app.sandbox.sendMails(SHOP, 280);
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const spikes = titled(app.sink.posts, "Unusual sending volume");
    expect(spikes).toHaveLength(1);
    expect(spikes[0]!.text).toMatch(/28\d e-mails in the last 5 min, about \d+ times the usual rate/);
    expect(spikes[0]!.text).toContain("[Block the sending of emails]");
    const spikeId = String(app.sink.posts.indexOf(spikes[0]!) + 1);

    const opened = await click(app, person("ADMIN"), buttons(spikes[0]!)[0]!);
    expect(opened.notice!.text).toContain("Block the sending of emails");
    await click(app, person("ADMIN"), buttons(opened.notice!)[0]!);
    expect((await app.sandbox.getMail(SHOP)).state).toBe("ko");
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const edit = app.sink.edits.filter((e) => e.ref.id === spikeId).at(-1);
    expect(edit!.reply.text).toContain("Sending is now disabled");
    expect(buttons(edit!.reply)).toEqual([]);
    expect(titled(app.sink.posts, "Sending disabled")).toHaveLength(0);
    expect(titled(app.sink.posts, "Unusual sending volume")).toHaveLength(1);
    await app.jobs.stop();
  });

  it("crossing the configured share of the daily maximum alerts once, then updates in place", async () => {
    const dataDir = await tempDir();
    const small = [{ name: SHOP, maxPerDay: 500, profile: { dailyMails: 0, errorRate: 0 } }];
    const app = await makeJobsApp({
      dataDir,
      clock: new ManualClock(START),
      hostings: small,
      env: { ...env, MAILBRAKE_SPIKE_MIN_MAILS: "100000", MAILBRAKE_SPIKE_DAILY_SHARE: "0.5" },
    });
    await app.jobs.tick();
    for (const batch of [120, 120, 20, 20]) {
      await app.sandbox.sendMails(SHOP, batch);
      app.clock.advance(11 * MINUTE);
      await app.jobs.tick();
    }
    const spikes = titled(app.sink.posts, "Unusual sending volume");
    expect(spikes).toHaveLength(1);
    expect(spikes[0]!.text).toContain("Emails sent today: 260 of 500 (52% of the daily maximum)");
    expect(spikes[0]!.text).not.toContain("times the usual rate");
    expect(app.sink.edits.at(-1)!.reply.text).toContain("Emails sent today: 280 of 500 (56% of the daily maximum)");
    await app.jobs.stop();
  });

  it("a click on a spike alert by a viewer is refused and changes nothing", async () => {
    const app = await setup();
    await app.sandbox.sendMails(SHOP, 280);
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const [spike] = titled(app.sink.posts, "Unusual sending volume");
    const answer = await click(app, person("SOMEONE"), buttons(spike!)[0]!);
    expect(answer.notice!.failed).toBe(true);
    expect(answer.update).toBeUndefined();
    expect((await app.sandbox.getMail(SHOP)).state).toBe("ok");
    await app.jobs.stop();
  });

  it("the provider failing: retried, then one message saying what could not be read, never a crash", async () => {
    const outage = { down: false, calls: 0 };
    const app = await setup(flaky(outage));
    const before = app.sink.posts.length;
    outage.down = true;
    for (let i = 0; i < 3; i++) {
      app.clock.advance(10 * MINUTE);
      await app.jobs.tick();
    }
    const failures = app.sink.posts.slice(before);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.card!.title).toBe("Could not read from the provider");
    expect(failures[0]!.text).toContain("after several tries");
    outage.down = false;
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts.length - before).toBe(1);
    await app.jobs.stop();
  });

  it("volumes unreadable: no rate alert from an unknown usual rate, the daily-share rule still works", async () => {
    const noVolumes = (provider: HostingProvider): HostingProvider =>
      spyProvider(provider, ({ method, call }) =>
        method === "volumes" ? Promise.reject(new HostingError("unavailable", "volumes down")) : call(),
      );
    const small = [{ name: SHOP, maxPerDay: 500, profile: { dailyMails: 0, errorRate: 0 } }];
    const app = await makeJobsApp({
      dataDir: await tempDir(),
      clock: new ManualClock(START),
      hostings: small,
      env: { ...env, MAILBRAKE_SPIKE_DAILY_SHARE: "0.5" },
      wrap: noVolumes,
    });
    await app.jobs.tick();
    await app.sandbox.sendMails(SHOP, 120);
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    expect(titled(app.sink.posts, "Unusual sending volume")).toHaveLength(0);
    await app.sandbox.sendMails(SHOP, 150);
    app.clock.advance(5 * MINUTE);
    await app.jobs.tick();
    const [spike] = titled(app.sink.posts, "Unusual sending volume");
    expect(spike!.text).toContain("of the daily maximum");
    expect(spike!.text).not.toContain("in the last 5 min");
    await app.jobs.stop();
  });
});
