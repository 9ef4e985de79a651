// Socket Mode: the WebSocket URL comes from apps.connections.open on the fake; the same slash
// command and click arrive as envelopes over that socket.
import { afterEach, describe, expect, it } from "vitest";
import { APP_TOKEN, clickPayload, nextTrigger } from "../../fakes/slackRequests.ts";
import { type SlackHarness, startHarness } from "../../helpers/slackApp.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { HOSTING } from "../../helpers/testApp.ts";

describe("slack adapter in Socket Mode", () => {
  const tempDir = useTempDir();
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("slash command and click over the socket: acked, answered, executed once", async () => {
    const h = await startHarness({ dataDir: await tempDir(), socket: true, policy: { roles: { operator: ["slack:UOP1"] } } });
    harness = h;
    expect(h.slack.mode).toBe("socket");
    expect(h.fake.callsTo("apps.connections.open")[0]!.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(h.slack.health()).toMatchObject({ mode: "socket", connected: true });
    expect(h.logs.some((l) => l.includes('"health":"connected"'))).toBe(true);

    const ack = await h.fake.sendEnvelope({
      envelope_id: "env-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        team_id: "T1",
        channel_id: "C1",
        user_id: "UOP1",
        user_name: "alice",
        command: "/mail",
        text: `block ${HOSTING} socket test`,
        response_url: h.fake.responseUrl("sock"),
        trigger_id: nextTrigger(),
      },
    });
    expect(ack.envelope_id).toBe("env-1");
    await h.fake.waitForResponses(1);
    const card = h.fake.responses[0]!;
    expect(card.response_type).toBe("ephemeral");
    const blocks = card.blocks as { type: string; elements?: { action_id: string }[] }[];
    const confirm = blocks.find((b) => b.type === "actions")!.elements![0]!.action_id;

    const payload = clickPayload({ user: "UOP1", actionId: confirm, responseUrl: h.fake.responseUrl("sock2") });
    await h.fake.sendEnvelope({ envelope_id: "env-2", type: "interactive", accepts_response_payload: false, payload });
    // Redelivered with retry_attempt: acked, not run again.
    await h.fake.sendEnvelope({ envelope_id: "env-3", type: "interactive", retry_attempt: 1, retry_reason: "timeout", payload });
    await h.fake.waitForResponses(2);
    await h.fake.waitForCalls("chat.postMessage", 2);
    expect(h.fake.responses[1]).toMatchObject({ replace_original: true });
    expect((await h.app.sandbox.getMail(HOSTING)).state).toBe("ko");
    // A later command is answered; had the redelivery run, its "already confirmed" would be here too.
    await h.fake.sendEnvelope({
      envelope_id: "env-4",
      type: "slash_commands",
      payload: { channel_id: "C1", user_id: "UOP1", user_name: "alice", command: "/mail", text: `status ${HOSTING}`, response_url: h.fake.responseUrl("s4"), trigger_id: nextTrigger() },
    });
    await h.fake.waitForResponses(3);
    expect(h.fake.responses).toHaveLength(3);
    expect(h.fake.responses.map((r) => String(r.text)).join("\n")).not.toContain("already");
  });
});
