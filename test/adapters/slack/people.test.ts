// Identity: name and locale from users.info, roles through user groups (cached, refreshed),
// and a start refused cleanly when Slack rejects the token.
import { webApi } from "@slack/bolt";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { SlackPeople } from "../../../adapters/slack/people.ts";
import { startSlack } from "../../../adapters/slack/start.ts";
import { roleOf } from "../../../src/core/roles.ts";
import { emptyPolicy, type Policy } from "../../../src/policy.ts";
import { FakeSlack } from "../../fakes/slackApi.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "../../fakes/slackRequests.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { makeTestApp } from "../../helpers/testApp.ts";

describe("SlackPeople", () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setup(roles: Policy["roles"]) {
    fake = await FakeSlack.start();
    let now = 1_000_000;
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const policy = { ...emptyPolicy(), roles };
    const people = new SlackPeople(client, {
      policy,
      fallbackLanguage: "nl",
      logger: pino({ level: "silent" }),
      groupTtlMs: 60_000,
      now: () => now,
    });
    return { fake, people, policy, advance: (ms: number) => (now += ms) };
  }

  it("a user group named in the policy gives its role; membership is cached, then refreshed", async () => {
    const { fake, people, policy, advance } = await setup({ operator: ["slack-group:S_ONCALL"] });
    fake.usergroups.push({ id: "S_ONCALL", users: ["U1"] });
    const first = await people.person("U1", "u1");
    expect(first.actor.groups).toEqual(["S_ONCALL"]);
    expect(roleOf(policy, first.actor)).toBe("operator");

    fake.usergroups.splice(0, 1, { id: "S_ONCALL", users: ["U2"] });
    expect((await people.person("U1", "u1")).actor.groups).toEqual(["S_ONCALL"]);
    expect(fake.callsTo("usergroups.list")).toHaveLength(1);
    advance(60_001);
    const later = await people.person("U1", "u1");
    expect(later.actor.groups).toEqual([]);
    expect(roleOf(policy, later.actor)).toBe("viewer");
    expect(fake.callsTo("usergroups.list")[0]!.params).toMatchObject({ include_users: "true" });
  });

  it("does not list user groups when the policy names none", async () => {
    const { fake, people } = await setup({ operator: ["slack:U1"] });
    await people.person("U1", "u1");
    expect(fake.callsTo("usergroups.list")).toEqual([]);
  });

  it("keeps the last known membership when usergroups.list fails", async () => {
    const { fake, people, advance } = await setup({ admin: ["slack-group:S_ADM"] });
    fake.usergroups.push({ id: "S_ADM", users: ["U1"] });
    await people.person("U1", "u1");
    advance(60_001);
    fake.on("usergroups.list", () => ({ ok: false, error: "missing_scope" }));
    expect((await people.person("U1", "u1")).actor.groups).toEqual(["S_ADM"]);
  });

  it("drops a membership that could not be refreshed for more than 3 TTLs, so a revoked role does not linger", async () => {
    const { fake, people, policy, advance } = await setup({ admin: ["slack-group:S_ADM"] });
    fake.usergroups.push({ id: "S_ADM", users: ["U1"] });
    await people.person("U1", "u1");
    fake.on("usergroups.list", () => ({ ok: false, error: "ratelimited" }));
    advance(60_001);
    expect((await people.person("U1", "u1")).actor.groups).toEqual(["S_ADM"]);
    advance(119_999);
    expect((await people.person("U1", "u1")).actor.groups).toEqual(["S_ADM"]);
    advance(2);
    const stale = await people.person("U1", "u1");
    expect(stale.actor.groups).toEqual([]);
    expect(roleOf(policy, stale.actor)).toBe("viewer");
    expect(fake.callsTo("usergroups.list")).toHaveLength(4);
    fake.on("usergroups.list", () => ({ ok: true, usergroups: [{ id: "S_ADM", users: ["U1"], date_delete: 0 }] }));
    expect((await people.person("U1", "u1")).actor.groups).toEqual(["S_ADM"]);
  });

  it("falls back to the payload's name and the default language when users.info fails", async () => {
    const { people } = await setup({});
    expect(await people.person("UNKNOWN", "typed-name")).toEqual({
      actor: { platform: "slack", id: "UNKNOWN", name: "typed-name", groups: [] },
      language: "nl",
    });
  });

  it("maps Slack locales to catalog languages; an unsupported one falls back", async () => {
    const { fake, people } = await setup({});
    fake.users.set("UPT", { id: "UPT", name: "joao", locale: "pt-BR", displayName: "João" });
    fake.users.set("UJA", { id: "UJA", name: "aki", locale: "ja-JP" });
    expect(await people.person("UPT", "x")).toMatchObject({ actor: { name: "João" }, language: "pt" });
    expect(await people.person("UJA", "x")).toMatchObject({ actor: { name: "aki" }, language: "nl" });
  });
});

describe("startSlack", () => {
  const tempDir = useTempDir();

  it("refuses to start with a token Slack rejects, naming the variable but not the token", async () => {
    const fake = await FakeSlack.start();
    fake.on("auth.test", () => ({ ok: false, error: "invalid_auth" }));
    const app = await makeTestApp({
      dataDir: await tempDir(),
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl },
    });
    try {
      const outcome = await startSlack(app, { retryConfig: { retries: 0 }, port: 0, host: "127.0.0.1" }).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(Error);
      const error = outcome as Error;
      expect(error.message).toContain("SLACK_BOT_TOKEN");
      expect(error.message).toContain("invalid_auth");
      expect(error.message).not.toContain(BOT_TOKEN);
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
