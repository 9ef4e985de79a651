import { describe, expect, it } from "vitest";
import { buttonId } from "../../src/core/confirmations.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { buttons, click, HOSTING, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";

// An alert's button is an "offer": anyone allowed may take it, and taking it opens a normal
// confirmation for that person.
describe("offers (alert buttons)", () => {
  const tempDir = useTempDir();

  async function offerBlock(app: TestApp, ttlMs: number): Promise<string> {
    const now = app.clock.now();
    const offer = await app.services.store.confirmations.create({
      kind: "offer",
      mutation: "block",
      hosting: HOSTING,
      args: {},
      requester: null,
      channel: "C1",
      language: "en",
      createdAt: now,
      expiresAt: now + ttlMs,
    });
    return buttonId("ok", offer.token);
  }

  it("a click opens a confirmation for the clicker and leaves the alert as posted", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    const id = await offerBlock(app, 3_600_000);
    const result = await click(app, person("ADMIN"), id);
    expect(result.update).toBeUndefined();
    expect(result.notice?.text).toContain("No e-mail will be deleted");
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");

    const confirmed = await click(app, person("ADMIN"), buttons(result.notice!)[0]!);
    expect(confirmed.update?.text).toContain("Decided by user-ADMIN");
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ko");
  });

  it("the same offer can be taken again by someone else", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:A1,slack:A2" } });
    const id = await offerBlock(app, 3_600_000);
    expect((await click(app, person("A1"), id)).notice?.failed).toBeUndefined();
    expect((await click(app, person("A2"), id)).notice?.text).toContain("No e-mail will be deleted");
  });

  it("a viewer's click is refused privately and changes nothing", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    const id = await offerBlock(app, 3_600_000);
    const result = await click(app, person("VIEWER"), id);
    expect(result.update).toBeUndefined();
    expect(result.notice?.failed).toBe(true);
    expect(buttons(result.notice!)).toEqual([]);
  });

  it("an expired offer answers privately and does not replace the alert", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    const id = await offerBlock(app, 60_000);
    app.clock.advance(120_000);
    const result = await click(app, person("ADMIN"), id);
    expect(result.update).toBeUndefined();
    expect(result.notice?.failed).toBe(true);
    expect(result.notice?.text).toContain("expired at");
    expect(buttons(result.notice!)).toEqual([]);
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
  });
});
