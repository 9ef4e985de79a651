// Two replicas of the Slack adapter in HTTP mode on one PostgreSQL database and one provider,
// as behind a load balancer: 50 signed clicks of one Confirm button spread over both → one
// provider action and one "executed" audit record.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { MailAction } from "../../src/hosting/port.ts";
import { Sandbox } from "../../src/hosting/sandbox/index.ts";
import { clickBody, sendSigned, slashBody } from "../fakes/slackRequests.ts";
import { freshDatabase } from "../helpers/pg.ts";
import { type SlackHarness, startHarness } from "../helpers/slackApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { HOSTING } from "../helpers/testApp.ts";
import { countingActions } from "../helpers/providerSpy.ts";

const tempDir = useTempDir();
const policy = { roles: { operator: ["slack:UOP1"] } };
const harnesses: SlackHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

const actionIds = (message: Record<string, unknown>): string[] =>
  ((message.blocks as { type: string; elements?: { action_id: string }[] }[] | undefined) ?? []).flatMap((b) =>
    b.type === "actions" ? (b.elements ?? []).map((e) => e.action_id) : [],
  );

describe("Slack replicas on one database", () => {
  it("50 clicks of one button spread over two replicas: one provider action, one executed record", { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const calls: MailAction[] = [];
    const shared = countingActions(calls)(await Sandbox.open({ clock: new ManualClock(), seed: 7 }));
    for (let i = 0; i < 2; i += 1) {
      harnesses.push(await startHarness({ dataDir: await tempDir(), policy, env: { DATABASE_URL: url }, wrap: () => shared }));
    }
    const [a, b] = harnesses as [SlackHarness, SlackHarness];
    await sendSigned(a.base, slashBody({ user: "UOP1", text: `block ${HOSTING} hacked form`, responseUrl: a.fake.responseUrl("cmd") }));
    await a.fake.waitForResponses(1);
    const [confirm] = actionIds(a.fake.responses[0] as Record<string, unknown>);
    expect(confirm).toMatch(/^mb:ok:/);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const h = i % 2 ? a : b;
        return sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl(`click-${i}`) }));
      }),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(calls).toEqual(["BLOCK"]);
    const executed = (await b.app.services.store.audit.recent(1000)).filter((r) => r.event === "executed");
    expect(executed).toHaveLength(1);
    expect((await shared.getMail(HOSTING)).state).toBe("ko");
  });

  it("the same Slack delivery reaching both replicas is handled once", { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    for (let i = 0; i < 2; i += 1) harnesses.push(await startHarness({ dataDir: await tempDir(), policy, env: { DATABASE_URL: url } }));
    const [a, b] = harnesses as [SlackHarness, SlackHarness];
    const body = slashBody({ user: "UOP1", text: "status", responseUrl: a.fake.responseUrl("cmd"), trigger: "trigger-shared-1" });
    const answers = await Promise.all([sendSigned(a.base, body), sendSigned(b.base, body, { retryNum: 1 })]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await a.fake.waitForResponses(1);
    expect(a.fake.responses).toHaveLength(1);
    const requests = (await a.app.services.store.audit.recent(10)).filter((r) => r.command === "status");
    expect(requests).toHaveLength(1);
  });

  it("/healthz says the store in use and whether this replica leads", async () => {
    const h = await startHarness({ dataDir: await tempDir(), policy, env: { DATABASE_URL: await freshDatabase() } });
    harnesses.push(h);
    h.app.leadership.leading = () => false;
    expect(await (await fetch(`${h.base}/healthz`)).json()).toMatchObject({ ok: true, store: "postgres", leader: false });
    h.app.leadership.leading = () => true;
    expect(await (await fetch(`${h.base}/healthz`)).json()).toMatchObject({ ok: true, store: "postgres", leader: true });
  });
});
