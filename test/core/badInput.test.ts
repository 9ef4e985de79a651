import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, HOSTING, makeTestApp } from "../helpers/testApp.ts";
import { recordingCalls } from "../helpers/providerSpy.ts";

const local = { platform: "console" as const, id: "me", name: "me", groups: [] };

describe("bad input gets a clear answer and changes nothing", () => {
  const tempDir = useTempDir();

  async function setup() {
    const calls: string[] = [];
    const app = await makeTestApp({ dataDir: await tempDir(), wrap: recordingCalls(calls) });
    return { app, calls };
  }

  it.each([
    ["frobnicate", "Unknown command “frobnicate”."],
    ["block", "Name a hosting: boulangerie-martin.fr, kahvila-aalto.fi, sklep-nowak.pl."],
    ["block ../etc/passwd", "is not a valid hosting name"],
    ["block nosuch.example.com", "No hosting named “nosuch.example.com”. Known hostings:"],
    [`recipient ${HOSTING} not-an-address`, "“not-an-address” is not a valid e-mail address"],
    [`recipient ${HOSTING} a@b@c.fr`, "is not a valid e-mail address"],
    [`recipient ${HOSTING}`, "is not a valid e-mail address"],
    ["advance forever", "“forever” is not a duration"],
    ["advance 400d", "is not a duration"],
    ["status nosuch.fr", "No hosting named"],
  ])("%s", async (line, message) => {
    const { app, calls } = await setup();
    const reply = await ask(app, local, line);
    expect(reply.text).toContain(message);
    expect(reply.failed).toBe(true);
    expect(buttons(reply)).toEqual([]);
    expect(calls.filter((c) => c === "requestAction" || c === "setReportRecipient" || c === "advance")).toEqual([]);
  });

  it("an empty line shows the help without failing", async () => {
    const { app } = await setup();
    const reply = await ask(app, local, "   ");
    expect(reply.failed).toBeUndefined();
    expect(reply.text).toContain("Commands you may run");
  });

  it("a refused action (unblock while enabled) is explained and nothing is sent", async () => {
    const { app, calls } = await setup();
    const reply = await ask(app, local, `unblock ${HOSTING}`);
    expect(reply.text).toBe("Sending is already enabled on boulangerie-martin.fr.");
    expect(calls).not.toContain("requestAction");
  });

  it("unblock of a spam block says the provider's support lifts it", async () => {
    const { app } = await setup();
    await app.sandbox.spamDrill(HOSTING);
    const reply = await ask(app, local, `unblock ${HOSTING}`);
    expect(reply.text).toContain("only the provider's support can lift this block");
  });

  it("any action while purging is refused", async () => {
    const { app } = await setup();
    await app.sandbox.requestAction(HOSTING, "BLOCK");
    await app.sandbox.requestAction(HOSTING, "PURGE");
    for (const line of [`block ${HOSTING}`, `unblock ${HOSTING}`, `purge ${HOSTING}`]) {
      expect((await ask(app, local, line)).text).toContain("A purge is in progress");
    }
  });

  it("an alias names a hosting, and one hosting may be omitted", async () => {
    const dir = await tempDir();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/p.json`, JSON.stringify({ aliases: { shop: HOSTING } }));
    const app = await makeTestApp({ dataDir: dir, env: { MAILBRAKE_CONFIG: `${dir}/p.json` } });
    expect((await ask(app, local, "status shop")).card!.title).toBe(HOSTING);
    const single = await makeTestApp({
      dataDir: await tempDir(),
      hostings: [{ name: "solo.fr", maxPerDay: 100, profile: { dailyMails: 10, errorRate: 0.01 } }],
    });
    const card = await ask(single, local, "block testing the newsletter");
    expect(card.card!.title).toContain("solo.fr");
    expect(card.text).toContain("Reason: testing the newsletter");
    // A mistyped domain is never read as a reason for the only hosting.
    const typo = await ask(single, local, "block solo.frr hacked form");
    expect(typo.failed).toBe(true);
    expect(typo.text).toContain("solo.frr");
    expect((await ask(app, local, "status constructor")).failed).toBe(true);
  });
});

describe("status", () => {
  const tempDir = useTempDir();

  it("shows the state in the domain's words, sent today against the maximum, and the hold", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    const [confirm] = buttons(await ask(app, local, `block ${HOSTING}`));
    await app.engine.act({ actor: local, place: { channel: "t", inTeamSpace: true }, language: "en", buttonId: confirm! });
    app.clock.advance(2 * 3_600_000);
    const reply = await ask(app, local, `status ${HOSTING}`);
    expect(reply.text).toContain("Service state: disabled: sending stopped, e-mails held");
    expect(reply.text).toMatch(/Emails sent today: [\d,]+ of 2,000/);
    expect(reply.text).toContain("Error report to: postmaster@boulangerie-martin.fr");
    expect(reply.text).toContain("Hold started: 24 Nov 2026, 09:00 UTC");
    expect(reply.text).toContain("Held e-mails discarded from: 27 Nov 2026, 09:00 UTC (in 70 hr");
    const data = reply.data as { hostings: { name: string; state: string }[] };
    expect(data.hostings[0]).toMatchObject({ name: HOSTING, state: "ko" });
  });

  it("a hosting first seen stopped has a hold 'at the latest'", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    await app.sandbox.spamDrill(HOSTING);
    const reply = await ask(app, local, `status ${HOSTING}`);
    expect(reply.text).toContain("Hold started: 24 Nov 2026, 09:00 UTC at the latest");
    expect(reply.text).toContain("Held e-mails discarded from (at the latest)");
  });

  it("status all summarises every hosting", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    const reply = await ask(app, local, "status all");
    expect(reply.card!.title).toBe("3 hostings");
    expect((reply.data as { hostings: unknown[] }).hostings).toHaveLength(3);
  });
});
