// Start-up against a fake Slack: a refused token stops at once (ConfigError); Slack being
// unreachable is retried a few times, then reported as such, never as a bad token.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { startSlack } from "../../../adapters/slack/start.ts";
import { ConfigError } from "../../../src/errors.ts";
import { FakeSlack } from "../../fakes/slackApi.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "../../fakes/slackRequests.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { makeTestApp } from "../../helpers/testApp.ts";

const unavailable = { status: 503, body: { ok: false, error: "service_unavailable" } };

describe("startSlack: token refused or Slack unreachable", () => {
  const tempDir = useTempDir();

  async function attempt(apiUrl: string, delaysMs: number[]) {
    const app = await makeTestApp({
      dataDir: await tempDir(),
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl },
    });
    const sleeps: number[] = [];
    const logs: string[] = [];
    const outcome = await startSlack(app, {
      retryConfig: { retries: 0 },
      port: 0,
      host: "127.0.0.1",
      startRetryDelaysMs: delaysMs,
      sleep: async (ms) => void sleeps.push(ms),
      logger: pino({ level: "debug" }, { write: (line: string) => void logs.push(line) }),
    }).catch((error: unknown) => error as Error);
    if (!(outcome instanceof Error)) await outcome.stop();
    await app.close();
    return { outcome, sleeps, logs: logs.join("") };
  }

  it.each(["invalid_auth", "not_authed", "account_inactive", "token_revoked"])(
    "%s: a ConfigError at once, without retrying",
    async (code) => {
      const fake = await FakeSlack.start();
      fake.on("auth.test", () => ({ ok: false, error: code }));
      try {
        const { outcome, sleeps } = await attempt(fake.apiUrl, [1, 1]);
        expect(outcome).toBeInstanceOf(ConfigError);
        expect((outcome as Error).message).toContain(code);
        expect(sleeps).toEqual([]);
        expect(fake.callsTo("auth.test")).toHaveLength(1);
      } finally {
        await fake.close();
      }
    },
  );

  it("a brief outage (503) is retried with the configured waits, then the adapter starts", async () => {
    const fake = await FakeSlack.start();
    let failures = 2;
    fake.on("auth.test", () =>
      failures-- > 0 ? unavailable : { ok: true, user_id: "UBOT", bot_id: "BBOT", team: "Test team" },
    );
    try {
      const { outcome, sleeps, logs } = await attempt(fake.apiUrl, [5, 6, 7]);
      expect(outcome).not.toBeInstanceOf(Error);
      expect(sleeps).toEqual([5, 6]);
      expect(fake.callsTo("auth.test")).toHaveLength(3);
      expect(logs).toContain("slack auth.test failed; retrying");
    } finally {
      await fake.close();
    }
  });

  it("Slack unreachable: a few attempts, then a plain error that does not blame the token", async () => {
    const fake = await FakeSlack.start();
    const apiUrl = fake.apiUrl;
    await fake.close();
    const { outcome, sleeps, logs } = await attempt(apiUrl, [1, 2]);
    expect(outcome).toBeInstanceOf(Error);
    expect(outcome).not.toBeInstanceOf(ConfigError);
    const message = (outcome as Error).message;
    expect(message).toContain("Slack could not be reached");
    expect(message).not.toContain("SLACK_BOT_TOKEN");
    expect(message).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(sleeps).toEqual([1, 2]);
  });

  it("an outage that outlasts the retries (503 every time) gives up the same way", async () => {
    const fake = await FakeSlack.start();
    fake.on("auth.test", () => unavailable);
    try {
      const { outcome, sleeps } = await attempt(fake.apiUrl, [1]);
      expect(outcome).not.toBeInstanceOf(ConfigError);
      expect((outcome as Error).message).toContain("Slack could not be reached");
      expect(sleeps).toEqual([1]);
      expect(fake.callsTo("auth.test")).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
