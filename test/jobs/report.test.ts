import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { stopChartProcess } from "../../src/jobs/report/chartProcess.ts";
import { decodePng } from "../helpers/jobsPng.ts";
import { flaky, makeJobsApp, ScriptedErrors } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, person } from "../helpers/testApp.ts";

const SHOP = "shop-example.fr";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DOMAINS = ["gmail.com", "orange.fr", "wp.pl", "hotmail.com"];

const message = (i: number) =>
  i % 10 < 5
    ? `550 5.1.1 <user${i}@x>: Recipient address rejected: User unknown in virtual mailbox table`
    : i % 10 < 7
      ? "452 4.2.2 Mailbox full"
      : i % 10 < 9
        ? "554 5.7.1 Service unavailable; Client host [46.105.1.2] blocked using zen.spamhaus.org"
        : "Connection reset by peer";
const recipient = (i: number) => `user${i % 25}@${DOMAINS[i % 4]}`;

describe("daily error report", () => {
  const tempDir = useTempDir();
  afterAll(() => stopChartProcess());

  async function setup(start = Date.UTC(2026, 10, 23, 8, 5)) {
    const scripted = new ScriptedErrors();
    const app = await makeJobsApp({
      dataDir: await tempDir(),
      clock: new ManualClock(start),
      hostings: [{ name: SHOP, maxPerDay: 5000, profile: { dailyMails: 1500, errorRate: 0 }, historyDays: 20 }],
      wrap: (sandbox) => scripted.wrap(sandbox),
    });
    return { app, scripted };
  }

  /** Moves the clock in 10-minute ticks up to `until`, running what is due at each. */
  async function runUntil(app: Awaited<ReturnType<typeof setup>>["app"], until: number, onTick?: (now: number) => void) {
    while (app.clock.now() < until) {
      app.clock.advance(10 * MINUTE);
      onTick?.(app.clock.now());
      await app.jobs.tick();
    }
  }

  it("a day with 350 errors in bursts: complete, grouped, counts exact, with a chart", async () => {
    const { app, scripted } = await setup();
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(1); // today's 08:00 report, on time
    expect(app.sink.posts[0]!.text).not.toContain("Posted late");
    const bursts = new Map([
      [Date.UTC(2026, 10, 23, 10, 5), 90],
      [Date.UTC(2026, 10, 23, 14, 35), 90],
      [Date.UTC(2026, 10, 23, 21, 5), 90],
      [Date.UTC(2026, 10, 24, 3, 5), 80],
    ]);
    const domainCounts = new Map<string, number>();
    const recipients = new Set<string>();
    await runUntil(app, Date.UTC(2026, 10, 24, 8, 0), (now) => {
      const size = bursts.get(now);
      if (size === undefined) return;
      scripted.add(SHOP, now - 9 * MINUTE, size, message, recipient);
      for (let i = 0; i < size; i++) {
        domainCounts.set(DOMAINS[i % 4]!, (domainCounts.get(DOMAINS[i % 4]!) ?? 0) + 1);
        recipients.add(recipient(i));
      }
    });
    expect(app.sink.posts).toHaveLength(2);
    const report = app.sink.posts[1]!;
    expect(report.visibility).toBe("channel");
    expect(report.text).toContain("Daily error report");
    expect(report.text).toContain("350 errors");
    expect(report.text).toContain("Recipient unknown: 175 (permanent)");
    expect(report.text).toContain("Mailbox full: 70 (temporary)");
    expect(report.text).toContain("Sending server blocked: 70 (permanent)");
    expect(report.text).toContain("The sending IP is on the Spamhaus list");
    expect(report.text).toContain("Receiving server unreachable: 35 (temporary)");
    // Ranked by count: the largest reason first.
    expect(report.text.indexOf("Recipient unknown")).toBeLessThan(report.text.indexOf("Mailbox full"));
    expect(report.text).toContain("Top recipient domains: gmail.com (89), orange.fr (89), hotmail.com (86), wp.pl (86)");
    expect(report.text).toContain(`and ${recipients.size - 5} more`);
    expect(report.text).not.toContain("Not complete");
    const data = report.data as { hostings: { errors: number; complete: boolean; reasons: { reason: string; class: number; count: number }[] }[] };
    expect(data.hostings[0]).toMatchObject({ errors: 350, complete: true });
    expect(data.hostings[0]!.reasons.map(({ reason, class: klass, count }) => ({ reason, class: klass, count }))).toEqual([
      { reason: "recipient_unknown", class: 5, count: 175 },
      { reason: "mailbox_full", class: 4, count: 70 },
      { reason: "sender_blocked", class: 5, count: 70 },
      { reason: "unreachable", class: 4, count: 35 },
    ]);

    const [chart] = report.attachments ?? [];
    expect(chart?.contentType).toBe("image/png");
    const png = decodePng(chart!.data);
    expect(png.width).toBeGreaterThan(600);
    expect(png.height).toBeGreaterThan(250);
    expect(png.colours).toBeGreaterThan(20);
    // Drawn in the chart process: vega-lite (which adds this when imported) never loads here.
    expect(Object.getOwnPropertyDescriptor(Set.prototype, "toJSON")).toBeUndefined();
  });

  it("says plainly when more than 100 errors came in between two reads", async () => {
    const { app, scripted } = await setup();
    await app.jobs.tick();
    await runUntil(app, Date.UTC(2026, 10, 24, 8, 0), (now) => {
      if (now === Date.UTC(2026, 10, 23, 12, 5)) scripted.add(SHOP, now - 9 * MINUTE, 150, message, recipient);
    });
    // The burst also raises an early warning (a fifth of it is blocklisted): reports by title.
    const report = app.sink.posts.filter((p) => p.card?.title === "Daily error report")[1]!;
    expect(report.text).toContain("Not complete: errors between");
    expect(report.text).toContain("100 errors"); // only the newest 100 could be read
    expect((report.data as { hostings: { complete: boolean }[] }).hostings[0]!.complete).toBe(false);
  });

  it("/mail report gives the same report on demand, to the asker only", async () => {
    const { app, scripted } = await setup();
    await app.jobs.tick();
    app.clock.advance(2 * HOUR);
    scripted.add(SHOP, app.clock.now() - HOUR, 12, message, recipient);
    const reply = await ask(app, person("U1"), "report all");
    expect(reply.visibility).toBe("requester");
    expect(reply.text).toContain("Error report");
    expect(reply.text).toContain("12 errors");
    expect(reply.text).toContain("Recipient unknown: 7 (permanent)");
    expect(reply.attachments?.[0]?.contentType).toBe("image/png");
    const french = await ask(app, person("U1"), `report ${SHOP}`, "fr");
    expect(french.text).toContain("12 erreurs");
    expect(french.text).toContain("Destinataire inconnu : 7 (permanentes)");
    expect(french.text).toContain("Nettoyer la liste");
  });

  it("provider down at report time: one message saying what could not be read, and the report on time with notes", async () => {
    const outage = { down: false, calls: 0 };
    const scripted = new ScriptedErrors();
    const app = await makeJobsApp({
      dataDir: await tempDir(),
      clock: new ManualClock(Date.UTC(2026, 10, 23, 7, 55)),
      hostings: [{ name: SHOP, maxPerDay: 5000, profile: { dailyMails: 1500, errorRate: 0 }, historyDays: 20 }],
      wrap: (sandbox) => flaky(outage)(scripted.wrap(sandbox)),
    });
    await app.jobs.tick();
    outage.down = true;
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts.map((p) => p.card?.title)).toEqual(["Could not read from the provider", "Daily error report"]);
    expect(app.sink.posts[0]!.text).toContain("could not read the list of hostings");
    expect(app.sink.posts[1]!.text).not.toContain("Posted late");
    expect(app.sink.posts[1]!.text).toMatch(/Not read: state, sent volume/);
    outage.down = false;
    app.clock.advance(10 * MINUTE);
    await app.jobs.tick();
    expect(app.sink.posts).toHaveLength(2);
  });

  it("answers an unknown hosting clearly and posts nothing", async () => {
    const { app } = await setup();
    const reply = await ask(app, person("U1"), "report nosuch.example");
    expect(reply.failed).toBe(true);
    expect(reply.text).toContain("nosuch.example");
    expect(app.sink.posts).toHaveLength(0);
  });
});
