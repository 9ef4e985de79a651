// Forged, stale and malformed requests through the real Bolt receiver: refused, nothing runs.
import { afterEach, describe, expect, it } from "vitest";
import { APP_TOKEN, BOT_TOKEN, clickBody, clickPayload, SIGNING_SECRET, sendSigned, slashBody } from "../../fakes/slackRequests.ts";
import { type SlackHarness, startHarness } from "../../helpers/slackApp.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { HOSTING } from "../../helpers/testApp.ts";

const policy = { roles: { operator: ["slack:UOP1"] } };

describe("slack adapter: bad input", () => {
  const tempDir = useTempDir();
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  /** A harness whose engine counts the calls it gets. */
  async function setup() {
    const h = await startHarness({ dataDir: await tempDir(), policy });
    harness = h;
    const engineCalls: string[] = [];
    const handle = h.app.engine.handle.bind(h.app.engine);
    const act = h.app.engine.act.bind(h.app.engine);
    h.app.engine.handle = (request) => {
      engineCalls.push(`handle:${request.text}`);
      return handle(request);
    };
    h.app.engine.act = (request) => {
      engineCalls.push(`act:${request.buttonId}`);
      return act(request);
    };
    return { h, engineCalls };
  }

  const command = (h: SlackHarness) => slashBody({ user: "UOP1", text: `block ${HOSTING}`, responseUrl: h.fake.responseUrl() });

  it.each([
    ["a forged signature", { secret: "not-the-signing-secret" }],
    ["a missing signature", { unsigned: true }],
    ["a stale timestamp (6 minutes old)", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])("%s → 401, the engine is never called", async (_name, options) => {
    const { h, engineCalls } = await setup();
    const res = await sendSigned(h.base, command(h), options);
    expect(res.status).toBe(401);
    const click = await sendSigned(h.base, clickBody({ user: "UOP1", actionId: "mb:ok:abcdefghijklmnopqr", responseUrl: h.fake.responseUrl() }), options);
    expect(click.status).toBe(401);
    expect(engineCalls).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it("a body altered after signing → 401", async () => {
    const { h, engineCalls } = await setup();
    const body = command(h);
    const timestamp = Math.floor(Date.now() / 1000);
    const { signature } = await import("../../fakes/slackRequests.ts");
    const res = await fetch(`${h.base}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature(body, timestamp),
      },
      body: body.replace("block", "purge"),
    });
    expect(res.status).toBe(401);
    expect(engineCalls).toEqual([]);
  });

  it("bad JSON in `payload` → 400, no crash, the adapter keeps serving", async () => {
    const { h, engineCalls } = await setup();
    const res = await sendSigned(h.base, "payload=%7Bnot-json");
    expect(res.status).toBe(400);
    expect(engineCalls).toEqual([]);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });

  it("a button id that is not ours gets a clear private answer", async () => {
    const { h } = await setup();
    await sendSigned(h.base, clickBody({ user: "UOP1", actionId: "something_else", responseUrl: h.fake.responseUrl() }));
    await h.fake.waitForResponses(1);
    expect(h.fake.responses[0]).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(h.fake.responses[0]!.text)).toContain("This button is not valid");
  });

  it("a token that was never issued changes nothing and says so", async () => {
    const { h, engineCalls } = await setup();
    await sendSigned(h.base, clickBody({ user: "UOP1", actionId: "mb:ok:neverissuedtoken0000", responseUrl: h.fake.responseUrl() }));
    await h.fake.waitForResponses(1);
    expect(String(h.fake.responses[0]!.text)).toContain("This button is not valid");
    expect(engineCalls).toEqual(["act:mb:ok:neverissuedtoken0000"]);
    expect((await h.app.sandbox.getMail(HOSTING)).state).toBe("ok");
  });

  it("a click payload without actions is acknowledged and ignored", async () => {
    const { h, engineCalls } = await setup();
    const payload = { ...clickPayload({ user: "UOP1", actionId: "x", responseUrl: h.fake.responseUrl() }), actions: [] };
    const res = await sendSigned(h.base, clickBody(payload));
    expect(res.status).toBe(200);
    expect(engineCalls).toEqual([]);
  });

  it("typed text cannot ping: a reason with <!channel> and @here is escaped in the announcement", async () => {
    const { h } = await setup();
    await sendSigned(h.base, slashBody({ user: "UOP1", text: `block ${HOSTING} <!channel> @here <@U999> *loud*`, responseUrl: h.fake.responseUrl() }));
    await h.fake.waitForResponses(1);
    const card = h.fake.responses[0]!;
    const confirm = (card.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === "actions")!.elements![0]!.action_id;
    await sendSigned(h.base, clickBody({ user: "UOP1", actionId: confirm, responseUrl: h.fake.responseUrl(2) }));
    await h.fake.waitForCalls("chat.postMessage", 1);
    const posted = JSON.stringify(h.fake.callsTo("chat.postMessage").map((c) => [c.params.text, c.params.blocks]));
    const shown = JSON.stringify([card.text, card.blocks]);
    for (const text of [posted, shown]) {
      expect(text).not.toContain("<!channel>");
      expect(text).not.toContain("<@U999>");
      expect(text).not.toMatch(/@here/);
      expect(text).toContain("&lt;!channel&gt;");
    }
  });

  it("a change asked in a direct message (D…) is refused with no confirmation; a status there still works", async () => {
    const { h, engineCalls } = await setup();
    await sendSigned(h.base, slashBody({ user: "UOP1", text: `block ${HOSTING}`, channel: "D0123", responseUrl: h.fake.responseUrl(1) }));
    await h.fake.waitForResponses(1);
    const refusal = h.fake.responses[0]!;
    expect(String(refusal.text)).toBe("Changes can only be made from a team channel, not a direct message.");
    expect(JSON.stringify(refusal.blocks ?? [])).not.toContain("mb:ok:");
    await sendSigned(h.base, slashBody({ user: "UOP1", text: `status ${HOSTING}`, channel: "D0123", responseUrl: h.fake.responseUrl(2) }));
    await h.fake.waitForResponses(2);
    expect(String(h.fake.responses[1]!.text)).toContain(HOSTING);
    expect(engineCalls).toEqual([`handle:block ${HOSTING}`, `handle:status ${HOSTING}`]);
    expect((await h.app.sandbox.getMail(HOSTING)).state).toBe("ok");
  });

  it.each(["handle", "act"] as const)(
    "engine.%s throwing: a private apology with a reference that is also in the log, no claim that nothing changed",
    async (method) => {
      const { h } = await setup();
      const boom = async () => {
        throw new Error("disk full");
      };
      if (method === "handle") h.app.engine.handle = boom;
      else h.app.engine.act = boom;
      const body =
        method === "handle"
          ? command(h)
          : clickBody({ user: "UOP1", actionId: "mb:ok:sometoken0000", responseUrl: h.fake.responseUrl() });
      await sendSigned(h.base, body);
      await h.fake.waitForResponses(1);
      const answer = h.fake.responses[0]!;
      expect(answer.response_type).toBe("ephemeral");
      const text = String(answer.text);
      const reference = /Reference: ([0-9a-f]{8})\./.exec(text)?.[1];
      expect(reference).toBeDefined();
      expect(text).not.toContain("Nothing was changed");
      const logged = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === `engine.${method} failed`);
      expect(logged).toMatchObject({ reference, level: 50 });
    },
  );

  it("secrets never reach the logs, even at trace level", async () => {
    const { h } = await setup();
    await sendSigned(h.base, command(h));
    await sendSigned(h.base, command(h), { secret: "wrong-secret-value" });
    await h.fake.waitForResponses(1);
    const logs = h.logs.join("\n");
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, h.fake.responseUrl()]) expect(logs).not.toContain(secret);
  });
});
