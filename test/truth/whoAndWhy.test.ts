// Issue #17, cases 3 and 4 (and 6's stale hold warning): who blocked, when and why is kept with
// the hold and in the audit and shown everywhere; an unblock asked for and not in effect yet
// is shown by status and known to the next command.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderText } from "../../adapters/console/render.ts";
import { ManualClock } from "../../src/clock.ts";
import type { MailAction } from "../../src/hosting/port.ts";
import { runCli } from "../helpers/cli.ts";
import { makeJobsApp } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";
import { countingActions } from "../helpers/providerSpy.ts";

const ADMIN = person("ADMIN");
const REASON = "suspected hacked contact form";

describe("who blocked, when and why", () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const setup = async (calls: MailAction[] = []) => {
    app = await makeTestApp({ dataDir: await tempDir(), env: { MAILBRAKE_ADMINS: "slack:ADMIN" }, wrap: countingActions(calls) });
    return app;
  };

  it("the reason, person and time are kept in the hold and the audit and shown by status, --json, the announcement and history", async () => {
    const app = await setup();
    await click(app, ADMIN, buttons(await ask(app, ADMIN, `block ${HOSTING} ${REASON}`))[0]!);
    expect(await app.services.store.holds.get(HOSTING)).toMatchObject({
      exact: true,
      by: { platform: "slack", id: "ADMIN", name: "user-ADMIN" },
      reason: REASON,
    });
    const audit = (await readFile(join(app.dataDir, "audit.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const executed = audit.find((r) => r.event === "executed");
    expect(executed).toMatchObject({ command: "block", hosting: HOSTING, actorName: "user-ADMIN", reason: REASON });

    const status = await ask(app, person("VIEWER"), `status ${HOSTING}`);
    expect(renderText(status)).toMatch(new RegExp(`Blocked by +user-ADMIN at \\d+ \\w+ 2026, [\\d:]+ UTC: ${REASON}`));
    const [json] = (status.data as { hostings: Record<string, unknown>[] }).hostings;
    expect(json).toMatchObject({ blockedBy: { name: "user-ADMIN" }, blockReason: REASON, pending: null });

    const announcement = app.sink.posts.at(-1)!.text;
    expect(announcement).toContain("user-ADMIN blocked the sending of emails");
    expect(announcement).toContain(`Reason: ${REASON}`);
    expect((await ask(app, ADMIN, `history ${HOSTING}`)).text).toContain(`reason: “${REASON}”`);

    // Blocking again: already so, with who and why.
    const again = await ask(app, ADMIN, `block ${HOSTING}`);
    expect(again.failed).toBeFalsy();
    expect(again.text).toContain(`Blocked by user-ADMIN at`);
    expect(again.text).toContain(REASON);
  });

  it("a confirmed unblock not yet in effect: status says so, unblock again is a no-op, block says why not", async () => {
    const calls: MailAction[] = [];
    const app = await setup(calls);
    await app.sandbox.requestAction(HOSTING, "BLOCK");
    await click(app, ADMIN, buttons(await ask(app, ADMIN, `unblock ${HOSTING}`))[0]!);
    expect(calls).toEqual(["UNBLOCK"]);
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ko");

    const status = await ask(app, ADMIN, `status ${HOSTING}`);
    expect(renderText(status)).toMatch(/In progress +unblock asked by user-ADMIN at/);
    expect(status.text).toContain("An unblock is in progress: nothing more to do.");
    expect(status.text).not.toContain("Unblock to deliver");
    expect((status.data as { hostings: { pending: unknown }[] }).hostings[0]!.pending).toMatchObject({ action: "unblock", by: { name: "user-ADMIN" } });
    expect((await ask(app, ADMIN, "status all")).text).toContain("unblock in progress");

    const unblock = await ask(app, ADMIN, `unblock ${HOSTING}`);
    expect(unblock.failed).toBeFalsy();
    expect(buttons(unblock)).toEqual([]);
    expect(unblock.text).toContain("Nothing to do: an unblock of boulangerie-martin.fr asked by user-ADMIN");
    const block = await ask(app, ADMIN, `block ${HOSTING}`);
    expect(block.failed).toBe(true);
    expect(block.text).toContain("An unblock of boulangerie-martin.fr asked by user-ADMIN");
    expect(block.text).not.toContain("already stopped");
    expect(calls).toEqual(["UNBLOCK"]);

    app.clock.advance(2 * 60_000);
    const after = await ask(app, ADMIN, `status ${HOSTING}`);
    expect(after.text).not.toContain("In progress");
    expect((await ask(app, ADMIN, `block ${HOSTING}`)).card).toBeDefined();
  });
});

describe("hold warnings say who and why, from the state of now", () => {
  const tempDir = useTempDir();
  const SHOP = "shop-example.fr";
  const seeds = [{ name: SHOP, maxPerDay: 5000, profile: { dailyMails: 300, errorRate: 0.02 }, historyDays: 20 }];

  it("names the person and the reason, and warns about nothing once the hosting sends again", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const app = await makeJobsApp({ dataDir: await tempDir(), clock, hostings: seeds, env: { MAILBRAKE_ADMINS: "slack:ADMIN" } });
    await app.jobs.tick();
    await click(app, ADMIN, buttons(await ask(app, ADMIN, `block ${SHOP} ${REASON}`))[0]!);
    const blockedAt = clock.now();
    clock.set(blockedAt + 48 * 3_600_000);
    await app.jobs.tick();
    const warning = app.sink.posts.find((p) => p.card?.title.startsWith("Hold ends in"))!;
    expect(warning.text).toContain(`Blocked by user-ADMIN at 24 Nov 2026, 09:00 UTC: ${REASON}`);
    // The state of now (disabled), not the one the watch saw before the block (enabled).
    expect(warning.text).toContain("(disabled");

    // Unblocked behind the watch's back (in the control panel): the next warning is not posted
    // with the stale state the watch last saw.
    await app.sandbox.requestAction(SHOP, "UNBLOCK");
    clock.set(blockedAt + 66 * 3_600_000);
    await app.jobs.tick();
    expect(app.sink.posts.filter((p) => p.card?.title.startsWith("Hold ends in"))).toHaveLength(1);
    await app.jobs.stop();
    await app.close();
  });
});

describe("already in that state is success (real CLI)", () => {
  const tempDir = useTempDir();

  it("block of a blocked hosting exits 0 with a note and no provider call; --json keeps who and why", async () => {
    const dir = await tempDir();
    expect((await runCli(["block", HOSTING, REASON, "--yes"], { dataDir: dir })).code).toBe(0);
    const again = await runCli(["block", HOSTING, "--yes"], { dataDir: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Sending is already stopped on boulangerie-martin.fr");
    expect(again.stdout).toContain(REASON);
    const status = JSON.parse((await runCli(["status", HOSTING, "--json"], { dataDir: dir })).stdout);
    expect(status.data.hostings[0]).toMatchObject({ state: "ko", blockReason: REASON, blockedBy: { platform: "console" } });
    const audit = await readFile(join(dir, "audit.jsonl"), "utf8");
    expect(audit.match(/"event":"executed"/g)).toHaveLength(1);
  });
});
