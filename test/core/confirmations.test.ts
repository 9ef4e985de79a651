import { describe, expect, it } from "vitest";
import type { MailAction } from "../../src/hosting/port.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";
import { countingActions } from "../helpers/providerSpy.ts";

const admins = { MAILBRAKE_ADMINS: "slack:ADMIN" };

describe("confirmations", () => {
  const tempDir = useTempDir();
  const operatorPolicy = async (dir: string) => {
    const { writeFile } = await import("node:fs/promises");
    const file = `${dir}/policy.json`;
    await writeFile(file, JSON.stringify({ roles: { operator: ["slack:OP1", "slack:OP2"] } }));
    return file;
  };

  async function setup(calls: MailAction[] = []) {
    const dir = await tempDir();
    const app = await makeTestApp({
      dataDir: dir,
      env: { ...admins, MAILBRAKE_CONFIG: await operatorPolicy(dir) },
      wrap: countingActions(calls),
    });
    return { app, dir, calls };
  }

  it("block → card → confirm executes once, replaces the card and announces", async () => {
    const { app, calls } = await setup();
    const card = await ask(app, person("OP1"), `block ${HOSTING} contact form hacked`);
    const [confirm] = buttons(card);
    expect(card.text).toContain("No e-mail will be deleted; sending is held for 72 hours");
    expect(calls).toEqual([]);
    const result = await click(app, person("OP1"), confirm!);
    expect(calls).toEqual(["BLOCK"]);
    expect(buttons(result.update!)).toEqual([]);
    expect(result.update!.text).toContain("Decided by user-OP1");
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ko");
    expect(app.sink.posts).toHaveLength(1);
    expect(app.sink.posts[0]!.text).toContain("user-OP1 blocked the sending of emails of boulangerie-martin.fr");
    expect(app.sink.posts[0]!.text).toContain("contact form hacked");
  });

  it("refuses a click by another operator, audits it, and keeps the request open", async () => {
    const { app, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    const foreign = await click(app, person("OP2"), confirm!);
    expect(foreign.update).toBeUndefined();
    expect(foreign.notice!.text).toContain("Only user-OP1 or an admin");
    expect(calls).toEqual([]);
    const denied = await app.services.store.audit.recent(5);
    expect(denied[0]).toMatchObject({ event: "denied", actorId: "OP2", command: "block" });
    const own = await click(app, person("OP1"), confirm!);
    expect(own.update!.failed).toBeUndefined();
    expect(calls).toEqual(["BLOCK"]);
  });

  it("lets an admin confirm for someone else", async () => {
    const { app, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    await click(app, person("ADMIN"), confirm!);
    expect(calls).toEqual(["BLOCK"]);
  });

  it("an expired confirmation changes nothing and says so", async () => {
    const { app, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    app.clock.advance(5 * 60_000 + 1);
    const result = await click(app, person("OP1"), confirm!);
    expect(result.update!.text).toContain("expired before it was confirmed");
    expect(buttons(result.update!)).toEqual([]);
    expect(calls).toEqual([]);
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
  });

  it("a confirmation is single-use: the second click is told who did it", async () => {
    const { app, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    await click(app, person("OP1"), confirm!);
    const again = await click(app, person("OP1"), confirm!);
    expect(again.notice!.text).toMatch(/user-OP1 already confirmed this at/);
    expect(calls).toEqual(["BLOCK"]);
  });

  it("fifty concurrent confirms make exactly one provider call", async () => {
    const { app, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    const results = await Promise.all(Array.from({ length: 50 }, () => click(app, person("OP1"), confirm!)));
    expect(calls).toEqual(["BLOCK"]);
    expect(results.filter((r) => r.update)).toHaveLength(1);
    const told = results.filter((r) => r.notice).map((r) => r.notice!.text);
    expect(told).toHaveLength(49);
    for (const text of told) expect(text).toContain("user-OP1 already confirmed this");
  });

  it("re-checks the state when confirmed: a change since the card is reported, nothing sent", async () => {
    const { app, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    await app.sandbox.spamDrill(HOSTING);
    const result = await click(app, person("OP1"), confirm!);
    expect(result.update!.failed).toBe(true);
    expect(result.update!.text).toContain("the state changed since the request (spam: stopped by the provider, spam detected)");
    expect(result.update!.text).not.toContain("{{");
    expect(calls).toEqual([]);
  });

  it("cancel changes nothing and removes the buttons", async () => {
    const { app, calls } = await setup();
    const [, cancel] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    const result = await click(app, person("OP1"), cancel!);
    expect(result.update!.text).toContain("Cancelled. Nothing was changed.");
    expect(calls).toEqual([]);
  });

  it("survives a restart: a confirmation asked before is confirmed after", async () => {
    const { app, dir, calls } = await setup();
    const [confirm] = buttons(await ask(app, person("OP1"), `block ${HOSTING}`));
    await app.close();
    const restarted = await makeTestApp({
      dataDir: dir,
      clock: app.clock,
      env: { ...admins, MAILBRAKE_CONFIG: `${dir}/policy.json` },
      wrap: countingActions(calls),
    });
    const result = await click(restarted, person("OP1"), confirm!);
    expect(result.update!.text).toContain("Request sent successfully");
    expect(calls).toEqual(["BLOCK"]);
    expect((await restarted.sandbox.getMail(HOSTING)).state).toBe("ko");
  });

  it("a newer request for the same action replaces the older one", async () => {
    const { app, calls } = await setup();
    const [older] = buttons(await ask(app, person("OP1"), `block ${HOSTING} first`));
    const [newer] = buttons(await ask(app, person("OP1"), `block ${HOSTING} second`));
    expect((await click(app, person("OP1"), older!)).notice!.text).toContain("This button is not valid");
    expect((await click(app, person("OP1"), newer!)).update!.text).toContain("second");
    expect(calls).toEqual(["BLOCK"]);
    expect(await app.services.store.confirmations.all()).toHaveLength(1);
  });

  it("a button that was never issued gets a clear answer and no call", async () => {
    const { app, calls } = await setup();
    for (const id of ["mb:ok:AAAAAAAAAAAAAAAAAAAAAA", "nonsense", "mb:zz:x", ""]) {
      const result = await click(app, person("OP1"), id);
      expect(result.notice!.text).toContain("This button is not valid");
    }
    expect(calls).toEqual([]);
  });

  it("purge while sending is on explains and offers Block instead", async () => {
    const { app, calls } = await setup();
    const reply = await ask(app, person("ADMIN"), `purge ${HOSTING}`);
    expect(reply.text).toContain("Firstly, you need to block the sending of emails before you can purge them.");
    const [block] = buttons(reply);
    expect(reply.card!.blocks.some((b) => b.type === "actions" && b.buttons[0]!.label === "Block the sending of emails")).toBe(true);
    await click(app, person("ADMIN"), block!);
    expect(calls).toEqual(["BLOCK"]);
  });

  it("a confirmed purge is followed until done, also across a restart", async () => {
    const { app, dir, calls } = await setup();
    await app.sandbox.requestAction(HOSTING, "BLOCK");
    const card = await ask(app, person("ADMIN"), `purge ${HOSTING}`);
    const [confirm] = buttons(card);
    const purgeButton = card.card!.blocks.find((b) => b.type === "actions");
    expect(purgeButton?.type === "actions" && purgeButton.buttons[0]!.style).toBe("danger");
    expect(purgeButton?.type === "actions" && purgeButton.buttons[0]!.confirm?.title).toBeTruthy();
    await click(app, person("ADMIN"), confirm!);
    expect(calls).toEqual(["PURGE"]);
    app.clock.advance(2 * 60_000);
    await app.engine.follower.checkOnce();
    expect(app.sink.edits.at(-1)!.reply.text).toContain("Purge in progress for 2");
    await app.close();

    const restarted = await makeTestApp({ dataDir: dir, clock: app.clock, env: admins });
    restarted.clock.advance(10 * 60_000);
    await restarted.engine.follower.checkOnce();
    expect(restarted.sink.edits.at(-1)!.reply.text).toContain("held e-mails deleted, sending enabled again");
    expect(restarted.sink.edits.at(-1)!.ref).toEqual({ platform: "slack", channel: "C1", id: "1" });
    expect(restarted.engine.follower.active).toBe(0);
  });
});
