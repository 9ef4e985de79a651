// Gateway faults, slow providers, autocomplete, registration on restart, and what reaches logs.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startDiscord } from "../../../adapters/discord/start.ts";
import { ConfigError } from "../../../src/errors.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { HOSTING, makeTestApp } from "../../helpers/testApp.ts";
import { FakeDiscord } from "../../fakes/discordFake.ts";
import {
  APP_ID,
  autocomplete,
  callbackOf,
  click,
  customIds,
  type DiscordRig,
  gate,
  recording,
  slash,
  startRig,
  TOKEN,
} from "../../helpers/discord.ts";

const policy = { roles: { operator: ["discord:100000000000000001"] }, aliases: { shop: HOSTING } };
const operator = { id: "100000000000000001" };

describe("Discord adapter: gateway, timing and registration", () => {
  const tempDir = useTempDir();
  let rig: DiscordRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  async function statusAnswered(r: DiscordRig) {
    const command = slash(operator, "status", { hosting: HOSTING });
    r.fake.dispatch("INTERACTION_CREATE", command);
    const answer = await callbackOf(r.fake, command);
    expect(answer.type).toBe(4);
    expect(JSON.stringify(answer.data)).toContain(HOSTING);
  }

  it.each([
    ["closed with 4000", (r: DiscordRig) => r.fake.closeSocket(4000)],
    ["dropped (1006)", (r: DiscordRig) => r.fake.dropSocket()],
  ])(
    "resumes the session after the gateway is %s, and answers the next command",
    async (_what, fault) => {
      rig = await startRig({ dataDir: await tempDir(), policy });
      await statusAnswered(rig);
      fault(rig);
      const r = rig;
      await r.fake.waitFor(() => r.fake.opsReceived(6).length === 1, "RESUME");
      const [resume] = r.fake.opsReceived(6);
      expect(resume!.d).toMatchObject({ session_id: r.fake.sessionId, token: TOKEN });
      expect(r.fake.opsReceived(2)).toHaveLength(1);
      await statusAnswered(r);
    },
  );

  it("defers a command and a click while the provider has not answered, then edits the answer in", async () => {
    const calls: string[] = [];
    let held: ReturnType<typeof gate> | undefined;
    rig = await startRig({
      dataDir: await tempDir(),
      policy,
      wrap: recording(calls, { methods: ["getMail"], hold: () => held?.promise }),
      adapter: { deferAfterMs: 1 },
    });
    await rig.app.engine.hostings.list();

    held = gate();
    const command = slash(operator, "block", { hosting: HOSTING });
    rig.fake.dispatch("INTERACTION_CREATE", command);
    const deferred = await callbackOf(rig.fake, command);
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    // Deferred while the provider was still answering.
    expect(calls).toContain("getMail");
    expect(calls).not.toContain("getMail:done");
    held.release();
    const edited = await rig.fake.request(
      "PATCH",
      `/webhooks/${APP_ID}/${command.token}/messages/@original`,
    );
    const [confirm] = customIds(edited.body as Record<string, unknown>);
    expect(confirm).toMatch(/^mb:ok:/);

    held = gate();
    const press = click(operator, confirm!);
    rig.fake.dispatch("INTERACTION_CREATE", press);
    expect(await callbackOf(rig.fake, press)).toEqual({ type: 6 });
    expect(calls).not.toContain("requestAction");
    held.release();
    const updated = await rig.fake.request(
      "PATCH",
      `/webhooks/${APP_ID}/${press.token}/messages/@original`,
    );
    expect(customIds(updated.body as Record<string, unknown>)).toEqual([]);
    expect(JSON.stringify(updated.body)).toContain("Request sent successfully");
    expect((await rig.app.sandbox.getMail(HOSTING)).state).toBe("ko");
  });

  it("autocompletes hostings and aliases from what was typed, with “all” where it applies", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const typed = autocomplete(operator, "block", { hosting: "sh" }, "hosting");
    rig.fake.dispatch("INTERACTION_CREATE", typed);
    expect(await callbackOf(rig.fake, typed)).toEqual({
      type: 8,
      data: { choices: [{ name: "shop (boulangerie-martin.fr)", value: HOSTING }] },
    });

    const empty = autocomplete({ ...operator, locale: "pl" }, "status", { hosting: "" }, "hosting");
    rig.fake.dispatch("INTERACTION_CREATE", empty);
    const answer = await callbackOf(rig.fake, empty);
    expect((answer.data!.choices as { value: string }[]).map((c) => c.value)).toEqual([
      "all",
      HOSTING,
      "kahvila-aalto.fi",
      "sklep-nowak.pl",
      HOSTING,
    ]);
    expect((answer.data!.choices as { name: string }[])[0]!.name).toBe("wszystkie hostingi");
  });

  it("does not register again on restart when Discord already has the same definition", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    expect(rig.adapter.registration).toBe("registered");
    await rig.adapter.stop();
    const again = await startDiscord(rig.app, { readyTimeoutMs: 5_000 });
    try {
      expect(again.registration).toBe("unchanged");
      const gets = rig.fake.requestsTo("GET", /\/commands$/);
      expect(gets.at(-1)!.query.get("with_localizations")).toBe("true");
      expect(rig.fake.requestsTo("PUT", /\/commands$/)).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });

  it("registers globally when no guild is configured", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy, env: { DISCORD_GUILD_ID: "" } });
    expect(rig.fake.requestsTo("PUT", /\/commands$/).map((r) => r.path)).toEqual([
      `/applications/${APP_ID}/commands`,
    ]);
  });

  it("keeps the bot token and interaction tokens out of its logs, even when answering fails", async () => {
    rig = await startRig({
      dataDir: await tempDir(),
      policy,
      env: { MAILBRAKE_DISCORD_CHANNEL: "600000000000000404" },
      fake: { channels: [] },
    });
    const ok = slash(operator, "block", { hosting: HOSTING });
    rig.fake.dispatch("INTERACTION_CREATE", ok);
    const [confirm] = customIds((await callbackOf(rig.fake, ok)).data);
    const press = click(operator, confirm!);
    rig.fake.dispatch("INTERACTION_CREATE", press);
    await callbackOf(rig.fake, press);
    rig.fake.refuseCallbacks = true;
    const refused = slash(operator, "status", {});
    rig.fake.dispatch("INTERACTION_CREATE", refused);
    const r = rig;
    await r.fake.waitFor(
      () => r.logs.some((l) => l.includes("Discord interaction failed")),
      "the failure logged",
    );
    const logs = rig.logs.join("");
    expect(logs).toContain("channel not found");
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain("interaction-token-");
  });

  it("survives interactions discord.js would choke on (an unhandled rejection fails this test)", async () => {
    rig = await startRig({ dataDir: await tempDir(), policy });
    const noEntitlements = slash(operator, "status", { hosting: HOSTING }) as Record<
      string,
      unknown
    >;
    delete noEntitlements.entitlements;
    delete noEntitlements.authorizing_integration_owners;
    const nobody = slash(operator, "status", {}) as Record<string, unknown>;
    delete nobody.member;
    rig.fake.dispatch("INTERACTION_CREATE", nobody);
    rig.fake.dispatch("INTERACTION_CREATE", noEntitlements);
    expect((await callbackOf(rig.fake, noEntitlements as { id: string; token: string })).type).toBe(
      4,
    );
    expect(rig.logs.join("")).toContain("malformed interaction from the gateway");
    await statusAnswered(rig);
    expect(rig.fake.requestsTo("POST", new RegExp(`/interactions/${nobody.id}/`))).toEqual([]);
  });

  it("fails to start with a clear error when the token is refused, and does not log it", async () => {
    const dir = await tempDir();
    const fake = await new FakeDiscord({ applicationId: APP_ID }).start();
    fake.refuseToken = true;
    const app = await makeTestApp({
      dataDir: dir,
      env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl },
    });
    const logs: string[] = [];
    app.services.logger = pino(
      { level: "debug" },
      { write: (line: string) => void logs.push(line) },
    );
    const sleeps: number[] = [];
    try {
      const outcome = await startDiscord(app, {
        readyTimeoutMs: 5_000,
        loginRetryDelaysMs: [1, 1],
        sleep: async (ms) => void sleeps.push(ms),
      }).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(ConfigError);
      expect((outcome as Error).message).toBe("DISCORD_TOKEN: login to Discord failed");
      // A refused token is final: no second attempt.
      expect(sleeps).toEqual([]);
      expect(fake.requestsTo("GET", /^\/gateway\/bot$/)).toHaveLength(1);
      expect(logs.join("")).toContain("Discord login failed");
      expect(logs.join("")).not.toContain(TOKEN);
    } finally {
      await app.close();
      await fake.stop();
    }
  });

  async function outageApp() {
    const fake = await new FakeDiscord({ applicationId: APP_ID }).start();
    fake.unavailable = true;
    const app = await makeTestApp({
      dataDir: await tempDir(),
      env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl },
    });
    const logs: string[] = [];
    app.services.logger = pino(
      { level: "debug" },
      { write: (line: string) => void logs.push(line) },
    );
    return { fake, app, logs };
  }

  it("retries the login when Discord is briefly unreachable, then starts", async () => {
    const { fake, app, logs } = await outageApp();
    const sleeps: number[] = [];
    const options = {
      readyTimeoutMs: 5_000,
      loginRetryDelaysMs: [7, 8, 9],
      sleep: async (ms: number) => {
        sleeps.push(ms);
        fake.unavailable = false;
      },
    };
    const adapter = await startDiscord(app, options).catch(async (error: unknown) => {
      await app.close();
      await fake.stop();
      throw error;
    });
    try {
      expect(sleeps).toEqual([7]);
      expect(logs.filter((l) => l.includes("Discord login failed; retrying"))).toHaveLength(1);
      const command = slash(operator, "help");
      fake.dispatch("INTERACTION_CREATE", command);
      expect((await callbackOf(fake, command)).type).toBe(4);
    } finally {
      await adapter.stop();
      await app.close();
      await fake.stop();
    }
  });

  it("gives up after a few attempts with an error that does not blame the token", async () => {
    const { fake, app, logs } = await outageApp();
    const sleeps: number[] = [];
    try {
      const outcome = await startDiscord(app, {
        readyTimeoutMs: 5_000,
        loginRetryDelaysMs: [1, 2],
        sleep: async (ms) => void sleeps.push(ms),
      }).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Error);
      expect(outcome).not.toBeInstanceOf(ConfigError);
      expect((outcome as Error).message).toContain("Discord could not be reached");
      expect((outcome as Error).message).not.toContain("DISCORD_TOKEN");
      expect(sleeps).toEqual([1, 2]);
      expect(logs.join("")).not.toContain(TOKEN);
    } finally {
      await app.close();
      await fake.stop();
    }
  });

  it("keeps running when command registration is refused, and says so once in the log", async () => {
    const dir = await tempDir();
    const fake = await new FakeDiscord({ applicationId: APP_ID }).start();
    fake.refuseCommands = true;
    const app = await makeTestApp({
      dataDir: dir,
      env: {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: "700000000000000009",
        DISCORD_API_URL: fake.apiUrl,
      },
    });
    const logs: string[] = [];
    app.services.logger = pino(
      { level: "debug" },
      { write: (line: string) => void logs.push(line) },
    );
    const adapter = await startDiscord(app, { readyTimeoutMs: 5_000 });
    try {
      expect(adapter.registration).toBe("failed");
      expect(logs.filter((l) => l.includes("command registration failed"))).toHaveLength(1);
      const command = slash(operator, "help");
      fake.dispatch("INTERACTION_CREATE", command);
      expect((await callbackOf(fake, command)).type).toBe(4);
    } finally {
      await adapter.stop();
      await app.close();
      await fake.stop();
    }
  });
});
