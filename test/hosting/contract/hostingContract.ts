// One contract for the hosting port: every implementation (the sandbox itself, the OVHcloud
// provider through the fake API) must pass the same assertions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HostingError, type HostingErrorCode, type HostingProvider, type MailAction } from "../../../src/hosting/port.ts";
import { instantOf, isProviderDate } from "../../../src/hosting/providerDate.ts";
import type { Sandbox, SandboxHostingSeed } from "../../../src/hosting/sandbox/index.ts";

export interface ContractSubject {
  provider: HostingProvider;
  /** The state behind the provider: moves time, makes spam. */
  sandbox: Sandbox;
  close(): Promise<void>;
}

const profile = { dailyMails: 200, errorRate: 0.05 };
export const CONTRACT_HOSTINGS: SandboxHostingSeed[] = [
  { name: "alpha.example", maxPerDay: 1000, profile, historyDays: 10 },
  { name: "bravo.example", maxPerDay: 1000, profile, state: "bounce", historyDays: 3 },
  { name: "charlie.example", maxPerDay: 500, profile, reportRecipient: "ops@charlie.example" },
  // No daily maximum (0) and nothing sent yet: no errors, no history.
  { name: "delta.example", maxPerDay: 0, profile: { dailyMails: 0, errorRate: 0 } },
];

const MINUTE = 60_000;

async function failure(work: Promise<unknown>): Promise<HostingError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof HostingError) return error;
    throw error;
  }
  throw new Error("expected a HostingError");
}

async function expectCode(work: Promise<unknown>, code: HostingErrorCode): Promise<HostingError> {
  const error = await failure(work);
  expect(error.code).toBe(code);
  return error;
}

export function hostingContract(name: string, open: (hostings: SandboxHostingSeed[]) => Promise<ContractSubject>) {
  describe(`hosting port contract: ${name}`, () => {
    let s: ContractSubject;
    let p: HostingProvider;
    const stateOf = async (hosting: string) => (await p.getMail(hosting)).state;

    beforeEach(async () => {
      s = await open(CONTRACT_HOSTINGS);
      p = s.provider;
    });
    afterEach(async () => s.close());

    it("lists the hostings", async () => {
      expect([...(await p.listHostings())].sort()).toEqual([
        "alpha.example",
        "bravo.example",
        "charlie.example",
        "delta.example",
      ]);
    });

    it("reads a hosting's mail with the control panel's fields", async () => {
      const mail = await p.getMail("charlie.example");
      expect(mail).toEqual({
        state: "ok",
        sentToday: expect.any(Number),
        maxPerDay: 500,
        sent: expect.any(Number),
        bounce: expect.any(Number),
        reportRecipient: "ops@charlie.example",
      });
      expect((await p.getMail("alpha.example")).reportRecipient).toBe("postmaster@alpha.example");
    });

    it("names an unknown hosting as not found, for every call", async () => {
      const calls: Promise<unknown>[] = [
        p.getMail("nope.example"),
        p.requestAction("nope.example", "BLOCK"),
        p.setReportRecipient("nope.example", "a@b.example"),
        p.bounces("nope.example", 10),
        p.volumes("nope.example"),
      ];
      for (const call of calls) {
        const error = await expectCode(call, "not_found");
        expect(error.details.hosting).toBe("nope.example");
      }
    });

    it("blocks: ok → ko, with a reference", async () => {
      const reference = await p.requestAction("alpha.example", "BLOCK");
      expect(typeof reference).toBe("string");
      expect(reference.length).toBeGreaterThan(0);
      expect(await stateOf("alpha.example")).toBe("ko");
    });

    it("refuses a second block and says the state", async () => {
      await p.requestAction("alpha.example", "BLOCK");
      const error = await expectCode(p.requestAction("alpha.example", "BLOCK"), "refused");
      expect(error.details).toMatchObject({ hosting: "alpha.example", state: "ko" });
      expect(await stateOf("alpha.example")).toBe("ko");
    });

    it("refuses a purge while sending works (block first)", async () => {
      const error = await expectCode(p.requestAction("alpha.example", "PURGE"), "refused");
      expect(error.details).toMatchObject({ hosting: "alpha.example", state: "ok" });
      expect(await stateOf("alpha.example")).toBe("ok");
    });

    it("purges after a block, refuses everything while purging, then is ok", async () => {
      await p.requestAction("alpha.example", "BLOCK");
      await p.requestAction("alpha.example", "PURGE");
      expect(await stateOf("alpha.example")).toBe("purging");
      for (const action of ["BLOCK", "PURGE", "UNBLOCK"] as MailAction[]) {
        const error = await expectCode(p.requestAction("alpha.example", action), "refused");
        expect(error.details.state).toBe("purging");
      }
      await s.sandbox.advance(10 * MINUTE);
      expect(await stateOf("alpha.example")).toBe("ok");
    });

    it("unblocks ko → ok after a few minutes", async () => {
      await p.requestAction("alpha.example", "BLOCK");
      await p.requestAction("alpha.example", "UNBLOCK");
      expect(await stateOf("alpha.example")).toBe("ko");
      await s.sandbox.advance(2 * MINUTE);
      expect(await stateOf("alpha.example")).toBe("ok");
    });

    it("unblocks bounce → force", async () => {
      expect(await stateOf("bravo.example")).toBe("bounce");
      await p.requestAction("bravo.example", "UNBLOCK");
      await s.sandbox.advance(2 * MINUTE);
      expect(await stateOf("bravo.example")).toBe("force");
    });

    it("refuses to unblock spam (support lifts it) but purges it", async () => {
      await s.sandbox.spamDrill("charlie.example");
      const error = await expectCode(p.requestAction("charlie.example", "UNBLOCK"), "refused");
      expect(error.details.state).toBe("spam");
      await p.requestAction("charlie.example", "PURGE");
      expect(await stateOf("charlie.example")).toBe("purging");
    });

    it("refuses an unknown action and changes nothing", async () => {
      await expectCode(p.requestAction("alpha.example", "DELETE" as MailAction), "invalid");
      expect(await stateOf("alpha.example")).toBe("ok");
    });

    it("changes the error-report recipient; refuses a bad address and keeps the old one", async () => {
      await p.setReportRecipient("alpha.example", "alerts@alpha.example");
      expect((await p.getMail("alpha.example")).reportRecipient).toBe("alerts@alpha.example");
      await expectCode(p.setReportRecipient("alpha.example", "not an address"), "invalid");
      expect((await p.getMail("alpha.example")).reportRecipient).toBe("alerts@alpha.example");
    });

    it("returns the newest errors first, at most 100, none for a limit of 0", async () => {
      const five = await p.bounces("alpha.example", 5);
      expect(five.length).toBe(5);
      const dates = five.map((b) => b.date);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(five[0]).toEqual({ date: expect.any(String), to: expect.any(String), message: expect.any(String) });
      const many = await p.bounces("alpha.example", 500);
      expect(many.length).toBeLessThanOrEqual(100);
      expect(many.length).toBeGreaterThan(5);
      expect(many.slice(0, 5)).toEqual(five);
      expect(await p.bounces("alpha.example", 0)).toEqual([]);
      await expectCode(p.bounces("alpha.example", Number.NaN), "invalid");
    });

    it("dates errors and volumes as the published model does: date-times with a zone offset, or days", async () => {
      const dates = [
        ...(await p.bounces("alpha.example", 100)).map((b) => b.date),
        ...(await p.volumes("alpha.example")).map((v) => v.date),
      ];
      expect(dates.length).toBeGreaterThan(10);
      for (const date of dates) {
        expect(isProviderDate(date), date).toBe(true);
        expect(Number.isFinite(instantOf(date))).toBe(true);
      }
    });

    it("answers a hosting without errors or history with empty lists, not a failure", async () => {
      expect(await p.bounces("delta.example", 20)).toEqual([]);
      const volumes = await p.volumes("delta.example");
      expect(volumes.every((v) => !v.volume)).toBe(true);
    });

    it("reads a daily maximum of 0 (none set), and its first mails do not stop the hosting", async () => {
      const mail = await p.getMail("delta.example");
      expect(mail).toMatchObject({ state: "ok", maxPerDay: 0 });
      await s.sandbox.sendMails("delta.example", 5);
      await s.sandbox.advance(2 * MINUTE);
      expect(await p.getMail("delta.example")).toMatchObject({ state: "ok", maxPerDay: 0, sentToday: 5 });
    });

    it("returns the sent volumes, newest first", async () => {
      const volumes = await p.volumes("alpha.example");
      expect(volumes.length).toBeGreaterThan(5);
      const dates = volumes.map((v) => v.date);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(volumes[0]).toEqual({ date: expect.any(String), volume: expect.any(Number) });
    });
  });
}
