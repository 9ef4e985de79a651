// DOMAIN.md's transition table, row by row, for the customer's actions.
import { describe, expect, it } from "vitest";
import type { MailAction } from "../../src/hosting/port.ts";
import {
  expectHostingError,
  HOUR,
  MINUTE,
  openSandbox,
  QUIET,
  quietSeed,
  SECOND,
} from "./sandbox-fixtures.ts";

describe("BLOCK", () => {
  it.each(["ok", "force"] as const)("moves %s to ko and holds new mail", async (state) => {
    const { sandbox } = await openSandbox([quietSeed({ state })]);
    const task = await sandbox.requestAction(QUIET, "BLOCK");
    expect(task).toMatch(/^task-\d+$/);
    expect((await sandbox.getMail(QUIET)).state).toBe("ko");

    await sandbox.sendMails(QUIET, 5);
    expect((await sandbox.inspect(QUIET)).held).toBe(5);
    expect((await sandbox.getMail(QUIET)).sent).toBe(0);
  });

  it.each(["ko", "bounce", "spam"] as const)("is refused from %s", async (state) => {
    const { sandbox } = await openSandbox([quietSeed({ state })]);
    const error = await expectHostingError(sandbox.requestAction(QUIET, "BLOCK"), "refused", state);
    expect(error.details).toMatchObject({ hosting: QUIET, action: "BLOCK" });
    expect((await sandbox.getMail(QUIET)).state).toBe(state);
  });
});

describe("UNBLOCK", () => {
  it("moves ko to ok after a few minutes and delivers the held mail", async () => {
    const { clock, sandbox } = await openSandbox();
    await sandbox.sendMails(QUIET, 3);
    await sandbox.requestAction(QUIET, "BLOCK");
    await sandbox.sendMails(QUIET, 7);
    const before = await sandbox.getMail(QUIET);
    const volumeBefore = (await sandbox.volumes(QUIET))[0]!.volume;

    const requestedAt = clock.now();
    await sandbox.requestAction(QUIET, "UNBLOCK");
    const pending = (await sandbox.inspect(QUIET)).pending!;
    const delay = Date.parse(pending.at) - requestedAt;
    expect(delay).toBeGreaterThanOrEqual(MINUTE);
    expect(delay).toBeLessThanOrEqual(3 * MINUTE);

    await sandbox.advance(59 * SECOND);
    expect((await sandbox.getMail(QUIET)).state).toBe("ko");
    await sandbox.advance(3 * MINUTE);

    const after = await sandbox.getMail(QUIET);
    expect(after.state).toBe("ok");
    expect(after.sent).toBe(before.sent + 7);
    expect(after.sentToday).toBe(before.sentToday + 7);
    expect((await sandbox.volumes(QUIET))[0]!.volume).toBe((volumeBefore ?? 0) + 7);
    expect(await sandbox.inspect(QUIET)).toMatchObject({ held: 0, pending: null });
  });

  it("accepts a second UNBLOCK while one is pending and changes nothing", async () => {
    const { clock, sandbox } = await openSandbox([quietSeed({ state: "ko" })]);
    const first = await sandbox.requestAction(QUIET, "UNBLOCK");
    const pending = (await sandbox.inspect(QUIET)).pending;
    clock.advance(30 * SECOND);
    const second = await sandbox.requestAction(QUIET, "UNBLOCK");
    expect(second).toBe(first);
    expect((await sandbox.inspect(QUIET)).pending).toEqual(pending);
    expect((await sandbox.getMail(QUIET)).state).toBe("ko");
  });

  it("moves bounce to force and delivers the held mail", async () => {
    const { sandbox } = await openSandbox([quietSeed({ state: "bounce" })]);
    await sandbox.sendMails(QUIET, 4);
    await sandbox.requestAction(QUIET, "UNBLOCK");
    expect((await sandbox.getMail(QUIET)).state).toBe("bounce");
    await sandbox.advance(3 * MINUTE);
    expect(await sandbox.getMail(QUIET)).toMatchObject({ state: "force", sent: 4 });
  });

  it("is refused from spam: the provider's support lifts spam blocks", async () => {
    const { sandbox } = await openSandbox([quietSeed({ state: "spam" })]);
    const error = await expectHostingError(
      sandbox.requestAction(QUIET, "UNBLOCK"),
      "refused",
      "spam",
    );
    expect(error.message).toMatch(/support/);
    expect((await sandbox.inspect(QUIET)).pending).toBeNull();
  });

  it.each(["ok", "force"] as const)("is refused from %s: already enabled", async (state) => {
    const { sandbox } = await openSandbox([quietSeed({ state })]);
    const error = await expectHostingError(
      sandbox.requestAction(QUIET, "UNBLOCK"),
      "refused",
      state,
    );
    expect(error.message).toMatch(/not blocked/);
  });
});

describe("PURGE", () => {
  it.each(["ko", "bounce", "spam"] as const)(
    "moves %s to purging for 5-10 minutes, deletes the held mail, then ok",
    async (state) => {
      const { clock, sandbox } = await openSandbox([quietSeed({ state })]);
      await sandbox.sendMails(QUIET, 12);
      const requestedAt = clock.now();
      expect(await sandbox.requestAction(QUIET, "PURGE")).toMatch(/^task-\d+$/);

      const view = await sandbox.inspect(QUIET);
      expect(view).toMatchObject({ state: "purging", held: 0 });
      const duration = Date.parse(view.pending!.at) - requestedAt;
      expect(duration).toBeGreaterThanOrEqual(5 * MINUTE);
      expect(duration).toBeLessThanOrEqual(10 * MINUTE);

      await sandbox.advance(4 * MINUTE + 59 * SECOND);
      expect((await sandbox.getMail(QUIET)).state).toBe("purging");
      await sandbox.advance(5 * MINUTE + SECOND);
      const after = await sandbox.getMail(QUIET);
      expect(after).toMatchObject({ state: "ok", sent: 0 });

      await sandbox.sendMails(QUIET, 2);
      expect((await sandbox.getMail(QUIET)).sent).toBe(2);
    },
  );

  it("finishes at the drawn instant, observed minute by minute", async () => {
    const { clock, sandbox } = await openSandbox([quietSeed({ state: "ko" })]);
    const requestedAt = clock.now();
    await sandbox.requestAction(QUIET, "PURGE");
    const doneAt = Date.parse((await sandbox.inspect(QUIET)).pending!.at);
    let firstOkAt = 0;
    for (let minute = 1; minute <= 11 && firstOkAt === 0; minute++) {
      await sandbox.advance(MINUTE);
      if ((await sandbox.getMail(QUIET)).state === "ok") firstOkAt = clock.now();
    }
    expect(firstOkAt - requestedAt).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(firstOkAt - requestedAt).toBeLessThanOrEqual(10 * MINUTE);
    expect(firstOkAt - doneAt).toBeLessThan(MINUTE);
  });

  it.each(["ok", "force"] as const)("is refused from %s: block first", async (state) => {
    const { sandbox } = await openSandbox([quietSeed({ state })]);
    const error = await expectHostingError(sandbox.requestAction(QUIET, "PURGE"), "refused", state);
    expect(error.message).toContain(
      "Firstly, you need to block the sending of emails before you can purge them",
    );
  });
});

describe("while purging", () => {
  it.each(["BLOCK", "UNBLOCK", "PURGE"] as MailAction[])("refuses %s", async (action) => {
    const { sandbox } = await openSandbox([quietSeed({ state: "ko" })]);
    await sandbox.requestAction(QUIET, "PURGE");
    const pending = (await sandbox.inspect(QUIET)).pending;
    const error = await expectHostingError(
      sandbox.requestAction(QUIET, action),
      "refused",
      "purging",
    );
    expect(error.details.action).toBe(action);
    expect((await sandbox.inspect(QUIET)).pending).toEqual(pending);
  });

  it("refuses the spam drill and drops the mail the scripts send", async () => {
    const { sandbox } = await openSandbox([quietSeed({ state: "ko" })]);
    await sandbox.requestAction(QUIET, "PURGE");
    await expectHostingError(sandbox.spamDrill(QUIET), "refused", "purging");
    await sandbox.sendMails(QUIET, 9);
    expect((await sandbox.inspect(QUIET)).held).toBe(0);
  });
});

describe("held mail", () => {
  it("is discarded message by message when it reaches 72 hours, state unchanged", async () => {
    const { sandbox } = await openSandbox();
    await sandbox.requestAction(QUIET, "BLOCK");
    await sandbox.sendMails(QUIET, 3);
    await sandbox.advance(HOUR);
    await sandbox.sendMails(QUIET, 2);

    await sandbox.advance(71 * HOUR - SECOND);
    expect((await sandbox.inspect(QUIET)).held).toBe(5);
    await sandbox.advance(SECOND);
    expect(await sandbox.inspect(QUIET)).toMatchObject({ held: 2, state: "ko" });
    await sandbox.advance(HOUR);
    expect(await sandbox.inspect(QUIET)).toMatchObject({ held: 0, state: "ko" });
    expect((await sandbox.getMail(QUIET)).sent).toBe(0);
  });
});

describe("the error log", () => {
  it("survives purge and unblock", async () => {
    const { sandbox } = await openSandbox([
      quietSeed({ profile: { dailyMails: 0, errorRate: 0.5 } }),
    ]);
    await sandbox.sendMails(QUIET, 20);
    const errors = await sandbox.bounces(QUIET, 100);
    expect(errors.length).toBeGreaterThan(0);

    await sandbox.requestAction(QUIET, "BLOCK");
    await sandbox.requestAction(QUIET, "PURGE");
    await sandbox.advance(10 * MINUTE);
    expect((await sandbox.getMail(QUIET)).state).toBe("ok");
    expect(await sandbox.bounces(QUIET, 100)).toEqual(errors);

    await sandbox.requestAction(QUIET, "BLOCK");
    await sandbox.requestAction(QUIET, "UNBLOCK");
    await sandbox.advance(3 * MINUTE);
    expect((await sandbox.getMail(QUIET)).state).toBe("ok");
    expect(await sandbox.bounces(QUIET, 100)).toEqual(errors);
    expect((await sandbox.getMail(QUIET)).bounce).toBe(errors.length);
  });
});
