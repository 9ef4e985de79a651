import { writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";

describe("permissions", () => {
  const tempDir = useTempDir();

  async function setup() {
    const dir = await tempDir();
    const policy = `${dir}/policy.json`;
    await writeFile(
      policy,
      JSON.stringify({
        roles: {
          admin: ["discord-role:999"],
          operator: ["slack-group:S_OPS"],
          viewer: ["slack:V1"],
        },
      }),
    );
    const app = await makeTestApp({ dataDir: dir, env: { MAILBRAKE_CONFIG: policy } });
    return app;
  }

  const viewer = person("V1");
  const operator = person("O1", "slack", ["S_OPS"]);
  const admin = person("A1", "discord", ["999"]);

  it("a viewer reads but may not block; the denial is audited and says how to get more", async () => {
    const app = await setup();
    expect((await ask(app, viewer, `status ${HOSTING}`)).failed).toBeUndefined();
    const denied = await ask(app, viewer, `block ${HOSTING}`);
    expect(denied.failed).toBe(true);
    expect(denied.text).toContain("it needs the operator role");
    expect(denied.text).toContain("slack:V1");
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
    const [record] = await app.services.store.audit.recent(1);
    expect(record).toMatchObject({ event: "denied", actorId: "V1", command: "block" });
  });

  it("an operator (through a Slack user group) blocks but may not purge", async () => {
    const app = await setup();
    const card = await ask(app, operator, `block ${HOSTING}`);
    expect(buttons(card)).toHaveLength(2);
    const purge = await ask(app, operator, `purge ${HOSTING}`);
    expect(purge.text).toContain("it needs the admin role");
  });

  it("an admin (through a Discord role) may purge", async () => {
    const app = await setup();
    await app.sandbox.requestAction(HOSTING, "BLOCK");
    const card = await ask(app, admin, `purge ${HOSTING}`);
    expect(card.text).toContain("All held e-mails will be deleted. This takes 5 to 10 minutes");
  });

  it("with no policy, a chat user is a viewer and the terminal user is admin", async () => {
    const app = await makeTestApp({ dataDir: await tempDir() });
    expect((await ask(app, person("ANY"), `block ${HOSTING}`)).text).toContain("needs the operator role");
    const local = { platform: "console" as const, id: "me", name: "me", groups: [] };
    expect(buttons(await ask(app, local, `block ${HOSTING}`))).toHaveLength(2);
  });

  it("MAILBRAKE_ADMINS makes people admins without a policy file", async () => {
    const app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:BOSS" } });
    await app.sandbox.requestAction(HOSTING, "BLOCK");
    expect(buttons(await ask(app, person("BOSS"), `purge ${HOSTING}`))).toHaveLength(2);
  });

  it("help lists only what the asker may run", async () => {
    const app = await setup();
    const forViewer = (await ask(app, viewer, "help")).text;
    const forOperator = (await ask(app, operator, "help")).text;
    const forAdmin = (await ask(app, admin, "help")).text;
    expect(forViewer).toContain("status [hosting|all]");
    expect(forViewer).not.toContain("block <hosting>");
    expect(forOperator).toContain("block <hosting> [reason]");
    expect(forOperator).not.toContain("purge <hosting>");
    expect(forAdmin).toContain("purge <hosting>");
    expect(forViewer).toContain("To get more rights");
  });

  it("a viewer's click on someone's confirm button is refused and audited", async () => {
    const app = await setup();
    const [confirm] = buttons(await ask(app, operator, `block ${HOSTING}`));
    const result = await click(app, viewer, confirm!);
    expect(result.notice!.text).toContain("needs the operator role");
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
    expect((await app.services.store.audit.recent(1))[0]).toMatchObject({ event: "denied", actorId: "V1" });
  });

  it("changes are refused outside a team space (a direct message)", async () => {
    const app = await setup();
    const reply = await app.engine.handle({
      actor: operator,
      place: { channel: "dm", inTeamSpace: false },
      language: "en",
      text: `block ${HOSTING}`,
    });
    expect(reply.text).toContain("not a direct message");
  });
});
