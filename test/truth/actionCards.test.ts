// Issue #17, cases 1 and 2: every card names the action its Confirm button performs, and the
// advice on a spam-stopped hosting says the same thing everywhere.
import { afterEach, describe, expect, it } from "vitest";
import { renderText } from "../../adapters/console/render.ts";
import type { Reply } from "../../src/core/reply.ts";
import { LANGUAGES, translate } from "../../src/i18n/index.ts";
import { runCli } from "../helpers/cli.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";

const ADMIN = person("ADMIN");
const labels = (reply: Reply) =>
  (reply.card?.blocks ?? []).flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.label) : []));

describe("a card names the action it performs", () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const setup = async () => {
    app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    return app;
  };

  it("purge of a sending hosting answers with a block card: title, text and button all say block", async () => {
    const app = await setup();
    const reply = await ask(app, ADMIN, `purge ${HOSTING}`);
    expect(reply.card!.title).toBe(`Block the sending of emails — ${HOSTING}`);
    expect(reply.text).toContain("Block sending first.");
    expect(reply.text).toContain(`run “purge ${HOSTING}” again`);
    expect(labels(reply)).toEqual(["Block the sending of emails", "Cancel"]);
    expect(reply.confirms).toBe("block");
    const done = await click(app, ADMIN, buttons(reply)[0]!);
    expect(done.update!.card!.title).toBe(`Block the sending of emails — ${HOSTING}`);
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ko");
  });

  it.each(LANGUAGES)("%s: the block-first card and its cancel line name the block, never the purge", async (language) => {
    const app = await setup();
    const reply = await ask(app, ADMIN, `purge ${HOSTING}`, language);
    const cancelled = await click(app, ADMIN, buttons(reply)[1]!, language);
    const blockName = translate(language, "mutation.block.name");
    const purgeName = translate(language, "mutation.purge.name");
    for (const text of [renderText(reply), renderText(cancelled.update!)]) {
      expect(text.split("\n")[0]).toContain(blockName);
      expect(text).not.toContain(purgeName);
    }
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
  });

  it("purge of a spam-stopped hosting says sending resumes right after, and asks to confirm the cause is fixed", async () => {
    const app = await setup();
    await app.sandbox.spamDrill(HOSTING);
    const reply = await ask(app, ADMIN, `purge ${HOSTING}`);
    expect(reply.card!.title).toBe(`Purge emails — ${HOSTING}`);
    expect(reply.text).toContain("Sending resumes right after the purge");
    expect(reply.text).toContain("Confirm only once the cause is fixed.");
    expect(labels(reply)).toEqual(["Cause fixed: purge", "Cancel"]);
    // The unblock refusal for the same hosting agrees: a purge resumes sending.
    const unblock = await ask(app, ADMIN, `unblock ${HOSTING}`);
    expect(unblock.text).toContain("sending resumes right after it");
    expect(unblock.text).not.toContain("You can purge");
    const status = await ask(app, ADMIN, `status ${HOSTING}`);
    expect(status.text).toContain("sending resumes right after it");
  });

  it("purge of a hosting blocked on purpose (ko) says sending resumes too", async () => {
    const app = await setup();
    await app.sandbox.requestAction(HOSTING, "BLOCK");
    const reply = await ask(app, ADMIN, `purge ${HOSTING}`);
    expect(reply.text).toContain("Sending resumes right after the purge");
    expect(reply.confirms).toBe("purge");
  });
});

describe("--yes confirms only the action named on the command line (real CLI)", () => {
  const tempDir = useTempDir();

  it("purge --yes of a sending hosting exits non-zero, blocks nothing and prints the block command", async () => {
    const dir = await tempDir();
    const purge = await runCli(["purge", HOSTING, "--yes"], { dataDir: dir });
    expect(purge.code).toBe(1);
    expect(purge.stderr).toContain(`mailbrake block ${HOSTING} --yes`);
    expect(purge.stdout).toBe("");
    const status = JSON.parse((await runCli(["status", HOSTING, "--json"], { dataDir: dir })).stdout);
    expect(status.data.hostings[0].state).toBe("ok");
  });

  it("purge --yes --json of a sending hosting says so in the JSON", async () => {
    const dir = await tempDir();
    const purge = await runCli(["purge", HOSTING, "--yes", "--json"], { dataDir: dir });
    expect(purge.code).toBe(1);
    const body = JSON.parse(purge.stdout);
    expect(body.ok).toBe(false);
    expect(body.data).toMatchObject({ hosting: HOSTING, action: "block", requested: "purge" });
    expect(body.text).toContain(`mailbrake block ${HOSTING} --yes`);
  });
});
