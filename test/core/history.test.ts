import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";

describe("history", () => {
  const tempDir = useTempDir();

  it("shows who asked, confirmed and was refused, newest first, filtered by hosting", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    const card = await ask(app, person("ADMIN"), `block ${HOSTING} testing a mailing`);
    await click(app, person("ADMIN"), buttons(card)[0]!);
    await ask(app, person("VIEWER"), "purge kahvila-aalto.fi");

    const all = (await ask(app, person("VIEWER"), "history")).text.split("\n");
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all[1]).toContain("user-VIEWER");
    expect(all[1]).toContain("kahvila-aalto.fi");
    expect(all.some((line) => line.includes("user-ADMIN") && line.includes(HOSTING) && line.includes("block"))).toBe(true);

    const one = (await ask(app, person("VIEWER"), `history ${HOSTING}`)).text;
    expect(one).toContain(HOSTING);
    expect(one).not.toContain("kahvila-aalto.fi");
  });

  it("an unknown hosting is named in the answer and nothing is listed", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    const reply = await ask(app, person("VIEWER"), "history no-such-site.example");
    expect(reply.failed).toBe(true);
    expect(reply.text).toContain("no-such-site.example");
  });

  it("shows outcomes in the reader's words, not the audit's codes", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    await click(app, person("ADMIN"), buttons(await ask(app, person("ADMIN"), `block ${HOSTING}`))[0]!);
    await ask(app, person("ADMIN"), `block ${HOSTING}`);
    await ask(app, person("VIEWER"), `purge ${HOSTING}`);

    const english = (await ask(app, person("VIEWER"), "history")).text;
    expect(english).toContain("request sent successfully");
    expect(english).toContain("refused: sending already stopped");
    expect(english).toContain("refused: role too low");
    expect(english).not.toMatch(/needs_role|refused:alreadyStopped|confirmation_asked/);

    const french = (await ask(app, person("VIEWER"), "history", "fr")).text;
    expect(french).toContain("demande envoyée");
    expect(french).toContain("refusé : envoi déjà arrêté");
  });
});
