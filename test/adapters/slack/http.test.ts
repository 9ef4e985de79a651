// The real Bolt HTTP receiver against a fake Slack: slash command → card → click → executed
// once, message replaced, channel announced.
import { afterEach, describe, expect, it } from "vitest";
import type { MailAction } from "../../../src/hosting/port.ts";
import { clickBody, sendSigned, slashBody } from "../../fakes/slackRequests.ts";
import { holdingProvider, type SlackHarness, startHarness } from "../../helpers/slackApp.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { HOSTING } from "../../helpers/testApp.ts";
import { countingActions } from "../../helpers/providerSpy.ts";

const policy = { roles: { operator: ["slack:UOP1", "slack:UOP2"], admin: ["slack:UADMIN"] } };

type Blocks = { type: string; elements?: { action_id?: string }[] }[];
const actionIds = (message: Record<string, unknown> | undefined) =>
  ((message?.blocks as Blocks | undefined) ?? []).flatMap((b) => (b.elements ?? []).map((e) => e.action_id).filter(Boolean));

describe("slack adapter over HTTP", () => {
  const tempDir = useTempDir();
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function setup(calls: MailAction[] = []) {
    harness = await startHarness({ dataDir: await tempDir(), policy, wrap: countingActions(calls) });
    harness.fake.users.set("UOP1", { id: "UOP1", name: "alice", displayName: "Alice", locale: "en-US" });
    harness.fake.users.set("UOP2", { id: "UOP2", name: "bob", locale: "fr-FR" });
    return harness;
  }

  async function askCard(h: SlackHarness, user: string, text: string) {
    const before = h.fake.responses.length;
    const res = await sendSigned(h.base, slashBody({ user, text, responseUrl: h.fake.responseUrl("cmd") }));
    expect(res.status).toBe(200);
    await h.fake.waitForResponses(before + 1);
    return h.fake.responses[before] as Record<string, unknown>;
  }

  it("slash command → ephemeral card; click → executed once, card replaced, channel announced", async () => {
    const calls: MailAction[] = [];
    const h = await setup(calls);
    const card = await askCard(h, "UOP1", `block ${HOSTING} contact form hacked`);
    expect(card.response_type).toBe("ephemeral");
    expect(String(card.text)).toContain("No e-mail will be deleted");
    const [confirm, cancel] = actionIds(card);
    expect(confirm).toMatch(/^mb:ok:/);
    expect(cancel).toMatch(/^mb:no:/);
    expect(calls).toEqual([]);

    const res = await sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl("click") }));
    expect(res.status).toBe(200);
    await h.fake.waitForResponses(2);
    expect(calls).toEqual(["BLOCK"]);
    const replaced = h.fake.responses[1]!;
    expect(replaced.replace_original).toBe(true);
    expect(actionIds(replaced)).toEqual([]);
    expect(String(replaced.text)).toContain("Decided by Alice");

    const posts = h.fake.callsTo("chat.postMessage");
    expect(posts.map((p) => p.params.channel)).toEqual(["CTEAM", "C1"]);
    expect(String(posts[0]!.params.text)).toContain("Alice blocked the sending of emails of boulangerie-martin.fr");
    expect(posts[0]!.authorization).toBe("Bearer xoxb-test-bot-token-0123456789");
    expect(JSON.parse(String(posts[0]!.params.blocks))[0].type).toBe("header");
  });

  it("uses the Slack locale of the person (users.info with include_locale)", async () => {
    const h = await setup();
    // The core catalogs decide the words; what the adapter owes is the language it passes on.
    const languages: string[] = [];
    const handle = h.app.engine.handle.bind(h.app.engine);
    h.app.engine.handle = (request) => {
      languages.push(request.language);
      return handle(request);
    };
    await askCard(h, "UOP2", `block ${HOSTING}`);
    await askCard(h, "UOP1", `status ${HOSTING}`);
    expect(languages).toEqual(["fr", "en"]);
    const lookup = h.fake.callsTo("users.info")[0]!;
    expect(lookup.params).toMatchObject({ user: "UOP2", include_locale: "true" });
    await askCard(h, "UOP2", `status ${HOSTING}`);
    expect(h.fake.callsTo("users.info").map((c) => c.params.user)).toEqual(["UOP2", "UOP1"]);
  });

  it("refuses a foreign operator's click privately; the message stays for the right person", async () => {
    const calls: MailAction[] = [];
    const h = await setup(calls);
    const [confirm] = actionIds(await askCard(h, "UOP1", `block ${HOSTING}`));
    await sendSigned(h.base, clickBody({ user: "UOP2", actionId: confirm!, responseUrl: h.fake.responseUrl("c2") }));
    await h.fake.waitForResponses(2);
    const refusal = h.fake.responses[1]!;
    expect(refusal.replace_original).toBe(false);
    expect(refusal.response_type).toBe("ephemeral");
    expect(String(refusal.text)).toContain("Alice");
    expect(calls).toEqual([]);
    expect((await h.app.services.store.audit.recent(3))[0]).toMatchObject({ event: "denied", actorId: "UOP2" });
    await sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl("c3") }));
    await h.fake.waitForResponses(3);
    expect(calls).toEqual(["BLOCK"]);
  });

  it("an expired click changes nothing and replaces the card with the expiry", async () => {
    const calls: MailAction[] = [];
    const h = await setup(calls);
    const [confirm] = actionIds(await askCard(h, "UOP1", `block ${HOSTING}`));
    h.app.clock.advance(5 * 60_000 + 1);
    await sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl("late") }));
    await h.fake.waitForResponses(2);
    expect(String(h.fake.responses[1]!.text)).toContain("expired");
    expect(actionIds(h.fake.responses[1])).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("a redelivered click (X-Slack-Retry-Num) runs once and answers once", async () => {
    const calls: MailAction[] = [];
    const h = await setup(calls);
    const [confirm] = actionIds(await askCard(h, "UOP1", `block ${HOSTING}`));
    const body = clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl("r"), trigger: "same-trigger" });
    expect((await sendSigned(h.base, body)).status).toBe(200);
    expect((await sendSigned(h.base, body, { retryNum: 1 })).status).toBe(200);
    expect((await sendSigned(h.base, body, { retryNum: 2 })).status).toBe(200);
    expect(calls).toEqual(["BLOCK"]);
    expect(h.fake.responses).toHaveLength(2);
  });

  it("a redelivered slash command asks once", async () => {
    const h = await setup();
    const body = slashBody({ user: "UOP1", text: `block ${HOSTING}`, responseUrl: h.fake.responseUrl("s"), trigger: "t-cmd" });
    await sendSigned(h.base, body);
    await sendSigned(h.base, body, { retryNum: 1 });
    expect(h.fake.responses).toHaveLength(1);
    expect(await h.app.services.store.confirmations.all()).toHaveLength(1);
  });

  it("fifty concurrent clicks make exactly one provider call", async () => {
    const calls: MailAction[] = [];
    const h = await setup(calls);
    const [confirm] = actionIds(await askCard(h, "UOP1", `block ${HOSTING}`));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm!, responseUrl: h.fake.responseUrl(`x${i}`) })),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    await h.fake.waitForResponses(51);
    expect(calls).toEqual(["BLOCK"]);
    const answers = h.fake.responses.slice(1);
    expect(answers.filter((r) => r.replace_original === true)).toHaveLength(1);
    expect(answers.filter((r) => r.replace_original === false)).toHaveLength(49);
  });

  it("purge: Confirm is danger-styled behind Slack's confirm dialog", async () => {
    const h = await setup();
    await h.app.sandbox.spamDrill(HOSTING);
    const card = await askCard(h, "UADMIN", `purge ${HOSTING}`);
    const actions = (card.blocks as { type: string; elements?: Record<string, unknown>[] }[]).find((b) => b.type === "actions");
    const confirm = actions!.elements![0]!;
    expect(confirm.style).toBe("danger");
    expect(confirm.confirm).toMatchObject({ style: "danger", confirm: { type: "plain_text", text: "Purge emails" } });
  });

  it("an unknown subcommand answers with the help for the asker's role", async () => {
    const h = await setup();
    const answer = await askCard(h, "UVIEWER", "frobnicate");
    expect(String(answer.text)).toContain("frobnicate");
    expect(String(answer.text)).toContain("your role: viewer");
    expect(String(answer.text)).not.toContain("block <hosting>");
  });

  it("serves /healthz", async () => {
    const h = await setup();
    const res = await fetch(`${h.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, adapter: "slack", mode: "http" });
  });
});

describe("slack adapter: the command name is configurable", () => {
  const tempDir = useTempDir();
  it("answers MAILBRAKE_SLACK_COMMAND", async () => {
    const h = await startHarness({ dataDir: await tempDir(), env: { MAILBRAKE_SLACK_COMMAND: "/brake" } });
    try {
      await sendSigned(h.base, slashBody({ user: "U1", text: "help", command: "/brake", responseUrl: h.fake.responseUrl() }));
      await h.fake.waitForResponses(1);
      expect(String(h.fake.responses[0]!.text)).toContain("your role: viewer");
    } finally {
      await h.close();
    }
  });
});

describe("slack adapter: ack first, hosting work after", () => {
  const tempDir = useTempDir();
  it("answers HTTP before the provider call finishes; the answer follows on response_url", async () => {
    const provider = holdingProvider();
    const h = await startHarness({ dataDir: await tempDir(), processBeforeResponse: false, wrap: provider.wrap });
    try {
      const release = provider.hold();
      const res = await sendSigned(h.base, slashBody({ user: "U1", text: `status ${HOSTING}`, responseUrl: h.fake.responseUrl() }));
      expect(res.status).toBe(200);
      await provider.whenHeld();
      expect(h.fake.responses).toEqual([]);
      release();
      await h.fake.waitForResponses(1);
      expect(String(h.fake.responses[0]!.text)).toContain(HOSTING);
    } finally {
      await h.close();
    }
  });
});
