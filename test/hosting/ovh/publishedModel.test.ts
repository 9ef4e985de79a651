// The OVHcloud provider reads the answers of the published model exactly (DOMAIN.md):
// nullable fields, date-times with offsets or days, extra fields, an unknown state, and the
// control panel's reading of a 404 on the errors or the history as "nothing to show".
import { afterEach, describe, expect, it } from "vitest";
import { HostingError } from "../../../src/hosting/port.ts";
import { type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";

const HOSTING = "boulangerie-martin.fr";
const emailPath = `/hosting/web/${HOSTING}/email`;
let h: OvhHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<OvhHarness> {
  h = await startOvhHarness({ hostings: [{ name: HOSTING, maxPerDay: 500, profile: { dailyMails: 300, errorRate: 0.05 }, historyDays: 5 }] });
  return h;
}

describe("the published model, read exactly", () => {
  it("reads the email object with a null recipient, extra fields ignored", async () => {
    const harness = await start();
    harness.fake.reshape({ pathEnd: "/email", method: "GET", body: (b) => ({ ...(b as object), email: null, taskId: 7, hostingOffer: "pro" }) });
    const mail = await harness.provider.getMail(HOSTING);
    expect(mail).toEqual({ state: "ok", sentToday: expect.any(Number), maxPerDay: 500, sent: expect.any(Number), bounce: expect.any(Number), reportRecipient: "" });
  });

  it("keeps an unknown state as the provider's word, counted as stopped", async () => {
    const harness = await start();
    harness.fake.reshape({ pathEnd: "/email", method: "GET", body: (b) => ({ ...(b as object), state: "quarantine" }) });
    expect(await harness.provider.getMail(HOSTING)).toMatchObject({ state: "unknown", stateName: "quarantine" });
  });

  it("reads errors with a null recipient or message, and date-times with offsets or days", async () => {
    const harness = await start();
    harness.fake.reshape({
      pathEnd: "/email/bounces",
      body: () => [
        { date: "2026-11-30T14:03:11+01:00", to: null, message: "550 5.1.1 unknown user", id: 3 },
        { date: "2026-11-30T09:00:00Z", to: "a@b.example", message: null },
        { date: "2026-11-29", to: "c@d.example", message: "421 try later" },
      ],
    });
    expect(await harness.provider.bounces(HOSTING, 20)).toEqual([
      { date: "2026-11-30T14:03:11+01:00", to: null, message: "550 5.1.1 unknown user" },
      { date: "2026-11-30T09:00:00Z", to: "a@b.example", message: null },
      { date: "2026-11-29", to: "c@d.example", message: "421 try later" },
    ]);
    // `limit` is always sent (required by the model, at most 100).
    const asked = harness.fake.requests.filter((r) => r.path === `${emailPath}/bounces`);
    expect(asked.map((r) => r.query)).toEqual(["?limit=20"]);
    await harness.provider.bounces(HOSTING, 5000);
    expect(harness.fake.requests.filter((r) => r.path === `${emailPath}/bounces`).at(-1)?.query).toBe("?limit=100");
  });

  it("reads volumes with a null count", async () => {
    const harness = await start();
    harness.fake.reshape({
      pathEnd: "/email/volumes",
      body: () => [
        { date: "2026-11-30T00:00:00+01:00", volume: null },
        { date: "2026-11-29T00:00:00+01:00", volume: 120 },
      ],
    });
    expect(await harness.provider.volumes(HOSTING)).toEqual([
      { date: "2026-11-30T00:00:00+01:00", volume: null },
      { date: "2026-11-29T00:00:00+01:00", volume: 120 },
    ]);
  });

  it("serves date-times with the provider's zone offset", async () => {
    const harness = await start();
    const [bounce] = await harness.provider.bounces(HOSTING, 1);
    const [volume] = await harness.provider.volumes(HOSTING);
    expect(bounce?.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
    expect(volume?.date).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+01:00$/);
  });

  it("still refuses what is not the model: a date that is not a date, a count that is text", async () => {
    const harness = await start();
    harness.fake.reshape({ pathEnd: "/email/volumes", body: () => [{ date: "yesterday", volume: "12" }] });
    const error = await harness.provider.volumes(HOSTING).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostingError);
    expect((error as HostingError).message).toContain("unexpected shape");
  });
});

describe("404 on the errors or the history means none, as in the control panel", () => {
  it("reads a 404 on bounces or volumes as an empty list", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "notFound404", path: "/email/bounces" });
    harness.fake.inject({ kind: "notFound404", path: "/email/volumes" });
    expect(await harness.provider.bounces(HOSTING, 20)).toEqual([]);
    expect(await harness.provider.volumes(HOSTING)).toEqual([]);
  });

  it("still names an unknown hosting as not found", async () => {
    const harness = await start();
    for (const call of [harness.provider.bounces("nope.example", 20), harness.provider.volumes("nope.example")]) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "not_found", details: { hosting: "nope.example" } });
    }
  });
});
