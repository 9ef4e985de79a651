// The provider's automatic stops, the spam drill, and per-day accounting.
import { describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, openDemo, openSandbox, QUIET, quietSeed } from "./sandbox-fixtures.ts";

const noisy = (errorRate: number, state: "ok" | "bounce" = "ok") =>
  quietSeed({ maxPerDay: 100_000, state, profile: { dailyMails: 3000, errorRate } });

describe("too much too fast -> ko", () => {
  it("stops sending once sentToday exceeds maxPerDay", async () => {
    const { sandbox } = await openSandbox([quietSeed({ maxPerDay: 100 })]);
    await sandbox.sendMails(QUIET, 100);
    expect((await sandbox.getMail(QUIET)).state).toBe("ok");
    await sandbox.sendMails(QUIET, 1);
    expect(await sandbox.getMail(QUIET)).toMatchObject({ state: "ko", sentToday: 101 });
    await sandbox.sendMails(QUIET, 5);
    expect((await sandbox.inspect(QUIET)).held).toBe(5);
  });

  it("stops a simulated site that outgrows its daily maximum", async () => {
    const { sandbox } = await openSandbox([
      quietSeed({ maxPerDay: 200, profile: { dailyMails: 2000, errorRate: 0.01 } }),
    ]);
    await sandbox.advance(DAY);
    const mail = await sandbox.getMail(QUIET);
    expect(mail.state).toBe("ko");
    expect(mail.sent).toBeGreaterThan(200);
    expect((await sandbox.inspect(QUIET)).held).toBeGreaterThan(0);
  });

  it("stops a burst of more than 300 mails within 10 minutes", async () => {
    const { sandbox } = await openSandbox([quietSeed({ maxPerDay: 100_000 })]);
    await sandbox.sendMails(QUIET, 200);
    await sandbox.advance(5 * MINUTE);
    await sandbox.sendMails(QUIET, 101);
    expect((await sandbox.getMail(QUIET)).state).toBe("ko");
  });

  it("lets the same mails through when spread out", async () => {
    const { sandbox } = await openSandbox([quietSeed({ maxPerDay: 100_000 })]);
    await sandbox.sendMails(QUIET, 200);
    await sandbox.advance(11 * MINUTE);
    await sandbox.sendMails(QUIET, 200);
    expect(await sandbox.getMail(QUIET)).toMatchObject({ state: "ok", sent: 400 });
  });
});

describe("too many errors -> bounce", () => {
  it("stops a site whose error ratio is over 15 %", async () => {
    const { sandbox } = await openSandbox([noisy(0.2)]);
    await sandbox.advance(DAY);
    const mail = await sandbox.getMail(QUIET);
    expect(mail.state).toBe("bounce");
    expect(mail.bounce / mail.sent).toBeGreaterThan(0.1);
  });

  it("doubles the threshold in force: the same site keeps sending", async () => {
    const { sandbox } = await openSandbox([noisy(0.2, "bounce")]);
    await sandbox.requestAction(QUIET, "UNBLOCK");
    await sandbox.advance(3 * MINUTE);
    expect((await sandbox.getMail(QUIET)).state).toBe("force");
    await sandbox.advance(DAY);
    const mail = await sandbox.getMail(QUIET);
    expect(mail.state).toBe("force");
    expect(mail.sent).toBeGreaterThan(2000);
  });

  it("stops force too when errors exceed 30 %", async () => {
    const { sandbox } = await openSandbox([noisy(0.5, "bounce")]);
    await sandbox.requestAction(QUIET, "UNBLOCK");
    await sandbox.advance(DAY);
    const mail = await sandbox.getMail(QUIET);
    expect(mail.state).toBe("bounce");
    expect(mail.sent).toBeGreaterThanOrEqual(50);
  });

  it("leaves the demo hostings enabled over a normal week", async () => {
    const { sandbox } = await openDemo();
    await sandbox.advance(7 * DAY);
    for (const hosting of await sandbox.listHostings()) {
      expect((await sandbox.getMail(hosting)).state, hosting).toBe("ok");
    }
  });
});

describe("spam drill", () => {
  it.each(["ok", "force"] as const)(
    "sends a burst with many bounces, then %s -> spam",
    async (state) => {
      const { sandbox } = await openSandbox([quietSeed({ state })]);
      await sandbox.spamDrill(QUIET);
      const mail = await sandbox.getMail(QUIET);
      expect(mail.state).toBe("spam");
      expect(mail.sent).toBe(250);
      expect(mail.bounce).toBeGreaterThan(50);
      const errors = await sandbox.bounces(QUIET, 100);
      expect(errors.some((e) => /spam/i.test(e.message ?? ""))).toBe(true);
    },
  );

  it("from a stopped state holds the burst and flags spam", async () => {
    const { sandbox } = await openSandbox([quietSeed({ state: "ko" })]);
    await sandbox.spamDrill(QUIET);
    expect(await sandbox.inspect(QUIET)).toMatchObject({ state: "spam", held: 250 });
  });
});

describe("daily accounting", () => {
  it("resets sentToday at UTC midnight and keeps sent cumulative", async () => {
    const { clock, sandbox } = await openSandbox();
    await sandbox.sendMails(QUIET, 40);
    const untilMidnight = DAY - (clock.now() % DAY);
    await sandbox.advance(untilMidnight - MINUTE);
    expect((await sandbox.getMail(QUIET)).sentToday).toBe(40);
    await sandbox.advance(MINUTE);
    expect(await sandbox.getMail(QUIET)).toMatchObject({ sentToday: 0, sent: 40 });
    await sandbox.sendMails(QUIET, 3);
    expect(await sandbox.getMail(QUIET)).toMatchObject({ sentToday: 3, sent: 43 });
  });

  it("lists volumes per UTC day, newest first", async () => {
    const { sandbox } = await openSandbox();
    await sandbox.sendMails(QUIET, 10);
    await sandbox.advance(DAY);
    await sandbox.sendMails(QUIET, 20);
    await sandbox.advance(DAY);
    await sandbox.sendMails(QUIET, 30);
    expect(await sandbox.volumes(QUIET)).toEqual([
      { date: "2026-11-26T00:00:00+00:00", volume: 30 },
      { date: "2026-11-25T00:00:00+00:00", volume: 20 },
      { date: "2026-11-24T00:00:00+00:00", volume: 10 },
    ]);
  });

  it("keeps 90 days of volumes", async () => {
    const { sandbox } = await openSandbox();
    for (let i = 0; i < 10; i++) await sandbox.advance(10 * DAY);
    const volumes = await sandbox.volumes(QUIET);
    expect(volumes).toHaveLength(90);
    expect(volumes[0]!.date).toBe("2027-03-04T00:00:00+00:00");
  });

  it("simulates 72 hours of the demo hostings in one advance", async () => {
    const { sandbox } = await openDemo();
    await sandbox.advance(72 * HOUR);
    const volumes = await sandbox.volumes("sklep-nowak.pl");
    expect(volumes[0]!.date).toBe("2026-11-27T00:00:00+00:00");
  });
});
