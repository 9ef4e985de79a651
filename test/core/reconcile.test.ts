// Intent before effect: an action left "executing" by a process that died is settled by
// reading the state back (executed, failed or unknown), recorded once, announced, never re-sent.
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { reconcile, readBack } from "../../src/core/reconcile.ts";
import type { MailAction } from "../../src/hosting/port.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";
import { countingActions } from "../helpers/providerSpy.ts";

const ADMIN = person("ADMIN");

/** The pid of a process that has exited (as a SIGKILLed one-shot command's is). */
const deadPid = (): number => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());

describe("reconciliation of interrupted actions", () => {
  const tempDir = useTempDir();

  /** A block confirmed by a process that then died, with or without reaching the provider. */
  async function interruptedBlock(app: TestApp, reachedProvider: boolean, executor = `${hostname()}/${deadPid()}`) {
    const now = app.clock.now();
    const c = await app.services.store.confirmations.create({
      kind: "confirm",
      mutation: "block",
      hosting: HOSTING,
      args: { reason: "hacked form" },
      requester: { platform: "slack", id: "ADMIN", name: "ADMIN" },
      channel: "C1",
      language: "en",
      createdAt: now,
      expiresAt: now + 300_000,
    });
    const claim = await app.services.store.confirmations.claim(c.token, {
      to: "executing",
      by: { platform: "slack", id: "ADMIN", name: "ADMIN" },
      place: { platform: "slack", channel: "C1" },
      at: now,
      executor,
    });
    expect(claim.kind).toBe("claimed");
    if (reachedProvider) await app.sandbox.requestAction(HOSTING, "BLOCK");
    return c;
  }

  async function setup(calls: MailAction[] = []) {
    return makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" }, wrap: countingActions(calls) });
  }

  it("an effect that reached the provider is recorded as executed, announced, and its hold is exact", async () => {
    const calls: MailAction[] = [];
    const app = await setup(calls);
    const c = await interruptedBlock(app, true);
    expect(await reconcile(app.services)).toBe(1);
    const [record] = await app.services.store.audit.recent(1);
    expect(record).toMatchObject({ event: "executed", command: "block", hosting: HOSTING, actorId: "ADMIN", outcome: "reconciled:ko" });
    expect((await app.services.store.confirmations.get(c.token))?.status).toBe("done");
    expect(await app.services.store.holds.get(HOSTING)).toMatchObject({ exact: true });
    expect(app.sink.posts.at(-1)?.text).toContain("shows it took effect");
    expect(calls).toEqual([]);
    expect(await reconcile(app.services)).toBe(0);
  });

  it("an action that never reached the provider is recorded as failed, and is not sent", async () => {
    const calls: MailAction[] = [];
    const app = await setup(calls);
    const c = await interruptedBlock(app, false);
    expect(await reconcile(app.services)).toBe(1);
    expect((await app.services.store.audit.recent(1))[0]).toMatchObject({ event: "failed", outcome: "reconciled:ok" });
    expect(app.sink.posts.at(-1)?.text).toContain("did not take effect");
    expect(app.sink.posts.at(-1)?.failed).toBe(true);
    expect(calls).toEqual([]);
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
    // The old button says what happened.
    const answer = await click(app, ADMIN, `mb:ok:${c.token}`);
    expect(answer.notice?.text).toContain("already tried this");
  });

  it("a restart settles what the previous process left executing", async () => {
    const dir = await tempDir();
    const first = await makeTestApp({ dataDir: dir, env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    await interruptedBlock(first, true);
    await first.close();
    const second = await makeTestApp({ dataDir: dir, env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    expect(await second.services.store.confirmations.executing()).toEqual([]);
    expect((await second.services.store.audit.recent(1))[0]).toMatchObject({ event: "executed", outcome: "reconciled:ko" });
  });

  it("an action whose process is alive, or that this process is carrying out, is left alone", async () => {
    const app = await setup();
    await interruptedBlock(app, false, `${hostname()}/${process.ppid}`);
    expect(await reconcile(app.services)).toBe(0);
    expect(await app.services.store.confirmations.executing()).toHaveLength(1);
  });

  it("two reconcilers at once record it once", async () => {
    const app = await setup();
    await interruptedBlock(app, true);
    const counts = await Promise.all([reconcile(app.services), reconcile(app.services)]);
    expect(counts.reduce((a, b) => a + b)).toBe(1);
    expect((await app.services.store.audit.recent(10)).filter((r) => r.event === "executed")).toHaveLength(1);
  });

  it("a normal confirmed action is never left executing", async () => {
    const app = await setup();
    const [confirm] = buttons(await app.engine.handle({ actor: ADMIN, place: { channel: "C1", inTeamSpace: true }, language: "en", text: `block ${HOSTING}` }));
    await click(app, ADMIN, confirm!);
    expect(await app.services.store.confirmations.executing()).toEqual([]);
  });

  it("reads the state back per action", () => {
    const mail = (state: string, reportRecipient = "a@b.fr") => ({ state, reportRecipient }) as never;
    expect(readBack({ mutation: "block", args: {} }, mail("ko"))).toBe("done");
    expect(readBack({ mutation: "block", args: {} }, mail("ok"))).toBe("failed");
    expect(readBack({ mutation: "unblock", args: {} }, mail("ok"))).toBe("done");
    expect(readBack({ mutation: "unblock", args: {} }, mail("ko"))).toBe("unknown");
    expect(readBack({ mutation: "purge", args: {} }, mail("purging"))).toBe("done");
    expect(readBack({ mutation: "purge", args: {} }, mail("ko"))).toBe("unknown");
    expect(readBack({ mutation: "recipient", args: { email: "a@b.fr" } }, mail("ok"))).toBe("done");
    expect(readBack({ mutation: "recipient", args: { email: "c@d.fr" } }, mail("ok"))).toBe("failed");
  });

  it("a store that fails after the provider acted: the action is reported done, not failed, and recorded once later", async () => {
    const calls: MailAction[] = [];
    const app = await setup(calls);
    const card = await ask(app, ADMIN, `block ${HOSTING} hacked form`);
    const store = app.services.store;
    const finish = store.confirmations.finish;
    let failing = true;
    // The data folder busy for too long, right when the action is to be recorded.
    store.confirmations.finish = async (...args) => {
      if (failing) throw new Error("The data folder is busy");
      return finish.apply(store.confirmations, args);
    };
    const result = await click(app, ADMIN, buttons(card)[0]!);
    failing = false;
    expect(calls).toEqual(["BLOCK"]);
    expect(result.update?.failed).toBeFalsy();
    expect(result.update?.text).toContain("not recorded yet");
    expect((await store.audit.recent(10)).filter((r) => r.event === "failed")).toEqual([]);
    expect((await store.confirmations.executing()).map((c) => c.hosting)).toEqual([HOSTING]);

    // The next check (this process's, the action no longer in flight) records it, once.
    expect(await reconcile(app.services)).toBe(1);
    const records = (await store.audit.recent(10)).filter((r) => r.confirmation !== undefined);
    expect(records).toMatchObject([{ event: "executed", hosting: HOSTING }, { event: "confirmed", hosting: HOSTING }]);
    expect(calls).toEqual(["BLOCK"]);
  });
});
