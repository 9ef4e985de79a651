// The HostingProvider surface: lookups, validation, bounces, tasks, latency, background tick.
import { afterEach, describe, expect, it, vi } from "vitest";
import { HostingError } from "../../src/hosting/port.ts";
import {
  expectHostingError,
  HOUR,
  MINUTE,
  openDemo,
  openSandbox,
  QUIET,
  quietSeed,
} from "./sandbox-fixtures.ts";

const DEMO = ["boulangerie-martin.fr", "kahvila-aalto.fi", "sklep-nowak.pl"];

describe("hostings", () => {
  it("starts with the three demo hostings, with history and postmaster recipients", async () => {
    const { sandbox } = await openDemo();
    expect(sandbox.kind).toBe("sandbox");
    expect(await sandbox.listHostings()).toEqual(DEMO);
    const maxima = [];
    for (const hosting of DEMO) {
      const mail = await sandbox.getMail(hosting);
      maxima.push(mail.maxPerDay);
      expect(mail.state).toBe("ok");
      expect(mail.reportRecipient).toBe(`postmaster@${hosting}`);
      expect(mail.sent).toBeGreaterThan(mail.sentToday);
      expect((await sandbox.volumes(hosting)).length).toBeGreaterThan(28);
    }
    expect(new Set(maxima).size).toBe(3);
  });

  it("answers not_found for an unknown hosting on every method", async () => {
    const { sandbox } = await openSandbox();
    const unknown = "nope.example";
    const calls: Promise<unknown>[] = [
      sandbox.getMail(unknown),
      sandbox.requestAction(unknown, "BLOCK"),
      sandbox.setReportRecipient(unknown, "ops@example.org"),
      sandbox.bounces(unknown, 10),
      sandbox.volumes(unknown),
      sandbox.spamDrill(unknown),
      sandbox.sendMails(unknown, 1),
      sandbox.inspect(unknown),
    ];
    for (const call of calls) {
      const error = await expectHostingError(call, "not_found");
      expect(error.details.hosting).toBe(unknown);
    }
  });

  it("adds generated hostings for benchmarks", async () => {
    const { sandbox } = await openSandbox();
    const added = await sandbox.addHostings(25);
    expect(added).toHaveLength(25);
    expect(new Set(added).size).toBe(25);
    expect(await sandbox.listHostings()).toEqual([QUIET, ...added]);
    await sandbox.advance(HOUR);
    const mail = await sandbox.getMail(added[0]!);
    expect(mail.state).toBe("ok");
  });
});

describe("setReportRecipient", () => {
  it("stores a valid address", async () => {
    const { sandbox } = await openSandbox();
    await sandbox.setReportRecipient(QUIET, "ops+mail@atelier-calme.fr");
    expect((await sandbox.getMail(QUIET)).reportRecipient).toBe("ops+mail@atelier-calme.fr");
  });

  it.each([
    "",
    "no-at-sign",
    "a@b",
    "@example.org",
    "user@",
    "us er@example.org",
    "x..y@example.org",
    ".x@example.org",
    "x@-example.org",
    "x@example.123",
    "a@b@example.org",
  ])("refuses %j as invalid", async (address) => {
    const { sandbox } = await openSandbox();
    await expectHostingError(sandbox.setReportRecipient(QUIET, address), "invalid");
    expect((await sandbox.getMail(QUIET)).reportRecipient).toBe(`postmaster@${QUIET}`);
  });
});

describe("bounces", () => {
  it("returns at most 100, newest first", async () => {
    const { sandbox } = await openDemo();
    const all = await sandbox.bounces("sklep-nowak.pl", 500);
    expect(all).toHaveLength(100);
    // Now and then an error without a recipient, as the model allows.
    expect(all.some((b) => b.to === null)).toBe(true);
    const dates = all.map((b) => b.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await sandbox.bounces("sklep-nowak.pl", 5)).toEqual(all.slice(0, 5));
    expect(await sandbox.bounces("sklep-nowak.pl", 0)).toEqual([]);
    for (const bounce of all) {
      // The published model: a date-time with a zone offset; the recipient may be null.
      expect(bounce.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
      expect(Number.isFinite(Date.parse(bounce.date))).toBe(true);
      if (bounce.to !== null) expect(bounce.to).toMatch(/^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/);
      // Texts in every shape real relays give (see sandbox-answers.test.ts), never empty.
      expect(bounce.message).toMatch(/\S/);
    }
    // Not only enhanced codes: the variety of real logs.
    expect(all.some((b) => !/^[45]\d\d [45]\.\d\.\d+ /.test(b.message ?? ""))).toBe(true);
  });

  it("keeps the newest 2000 errors per hosting", async () => {
    const { sandbox } = await openSandbox([
      quietSeed({ maxPerDay: 1_000_000, profile: { dailyMails: 0, errorRate: 1 } }),
    ]);
    for (let i = 0; i < 25; i++) {
      await sandbox.sendMails(QUIET, 100);
      await sandbox.advance(11 * MINUTE);
      expect((await sandbox.getMail(QUIET)).state).toBe("bounce");
      await sandbox.requestAction(QUIET, "UNBLOCK");
      await sandbox.advance(3 * MINUTE);
    }
    const mail = await sandbox.getMail(QUIET);
    expect(mail.bounce).toBeGreaterThan(2000);
    expect(sandbox.snapshot().hostings[0]!.errors).toHaveLength(2000);
    const newest = await sandbox.bounces(QUIET, 1);
    const kept = sandbox.snapshot().hostings[0]!.errors.at(-1)!;
    expect(newest[0]).toMatchObject({ date: kept.date.replace(/\.\d+Z$/, "+00:00"), message: kept.message });
  });
});

describe("requestAction", () => {
  it("returns increasing task references", async () => {
    const { sandbox } = await openSandbox();
    const first = await sandbox.requestAction(QUIET, "BLOCK");
    const second = await sandbox.requestAction(QUIET, "PURGE");
    expect(Number(second.slice(5))).toBe(Number(first.slice(5)) + 1);
  });

  it("refuses an unknown action as invalid", async () => {
    const { sandbox } = await openSandbox();
    await expectHostingError(sandbox.requestAction(QUIET, "DELETE" as never), "invalid");
  });
});

describe("latency and background", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits latencyMs before each port call", async () => {
    const { sandbox } = await openSandbox(undefined, { latencyMs: 40 });
    const started = performance.now();
    await sandbox.getMail(QUIET);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it("simulates in the background after start() and stops on close()", async () => {
    vi.useFakeTimers();
    const { clock, sandbox } = await openSandbox();
    await sandbox.requestAction(QUIET, "BLOCK");
    await sandbox.requestAction(QUIET, "UNBLOCK");
    sandbox.start(30_000);
    clock.advance(5 * MINUTE);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sandbox.snapshot().hostings[0]!.state).toBe("ok");

    await sandbox.requestAction(QUIET, "BLOCK");
    await sandbox.requestAction(QUIET, "UNBLOCK");
    await sandbox.close();
    clock.advance(5 * MINUTE);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sandbox.snapshot().hostings[0]!.state).toBe("ko");
  });

  it("reports refusals as HostingError instances worded as a provider words them", async () => {
    const { sandbox } = await openSandbox();
    const error = await sandbox.requestAction(QUIET, "PURGE").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostingError);
    expect((error as HostingError).message).toBe("Firstly, you need to block the sending of emails before you can purge them");
    expect((error as HostingError).details).toMatchObject({ hosting: QUIET, state: "ok", action: "PURGE" });
  });
});
