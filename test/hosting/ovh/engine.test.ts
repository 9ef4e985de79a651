// The engine over the OVHcloud provider (→ fake API): what the user reads when a write's
// answer is lost or a right is missing, and `status all` with bounded calls in flight.
import { join } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.ts";
import { envSchema } from "../../../src/config.ts";
import type { SandboxHostingSeed } from "../../../src/hosting/sandbox/index.ts";
import { FAKE_CREDENTIALS } from "../../fakes/ovhApi.ts";
import { type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, person } from "../../helpers/testApp.ts";

const tempDir = useTempDir();
let harness: OvhHarness | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  await harness?.close();
  app = harness = undefined;
});

async function setup(options: { hostings?: SandboxHostingSeed[]; concurrency?: number } = {}) {
  harness = await startOvhHarness({ hostings: options.hostings, settings: { concurrency: options.concurrency ?? 8 } });
  const dir = await tempDir();
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"), MAILBRAKE_ADMINS: "slack:ADMIN" });
  app = await createApp(env, {
    logger: pino({ level: "silent" }),
    provider: { provider: harness.provider, clock: harness.clock },
  });
  return { harness, app };
}

describe("the engine over the OVHcloud provider", () => {
  it("settles a block whose answer was lost by the state read back: done, and says the answer was lost", async () => {
    const { harness, app } = await setup();
    const card = await ask(app, person("ADMIN"), `block ${HOSTING} testing`);
    harness.fake.inject({ kind: "loseAnswer", method: "POST" });
    const result = await click(app, person("ADMIN"), buttons(card)[0]!);
    const text = result.update?.text ?? "";
    expect(text).toContain("sending is blocked");
    expect(text).toContain("answer was lost, but the state read back shows the request took effect");
    expect(result.update?.failed).toBeFalsy();
    expect((await harness.sandbox.getMail(HOSTING)).state).toBe("ko");
    expect(harness.fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("names the missing right and the query id when a 403 denies the block", async () => {
    const { harness, app } = await setup();
    const card = await ask(app, person("ADMIN"), `block ${HOSTING} testing`);
    harness.fake.inject({ kind: "forbiddenIam", method: "POST" });
    const result = await click(app, person("ADMIN"), buttons(card)[0]!);
    const text = result.update?.text ?? "";
    expect(text).toContain("webHosting:apiovh:email/request/create");
    const denied = harness.fake.requests.find((r) => r.method === "POST");
    expect(text).toContain(denied!.queryId);
    expect((await harness.sandbox.getMail(HOSTING)).state).toBe("ok");
  });

  it("answers `status all` over 40 hostings with at most the configured calls in flight", async () => {
    const profile = { dailyMails: 50, errorRate: 0.01 };
    const hostings = Array.from({ length: 40 }, (_, i) => ({ name: `site-${i}.example`, maxPerDay: 500, profile }));
    const { harness, app } = await setup({ hostings, concurrency: 4 });
    harness.fake.latencyMs = 5;
    const reply = await ask(app, person("ADMIN"), "status all");
    expect(reply.text).toContain("site-39.example");
    const reads = harness.fake.requests.filter((r) => r.path.endsWith("/email"));
    expect(reads).toHaveLength(40);
    expect(harness.provider.stats().peakInFlight).toBe(4);
    expect(harness.fake.peakInFlight).toBeLessThanOrEqual(4);
  });

  it("`status all` with one hosting unreadable shows the others and names the one it could not read", async () => {
    const hostings = ["a-site.example", "b-site.example", "c-site.example"].map((name) => ({ name, maxPerDay: 500, profile: { dailyMails: 50, errorRate: 0.01 } }));
    const { harness, app } = await setup({ hostings });
    // Every attempt at b-site's state fails (the first try and both retries).
    harness.fake.inject({ kind: "status500", path: "/hosting/web/b-site.example/email", times: 3 });
    const reply = await ask(app, person("ADMIN"), "status all");
    expect(reply.failed).toBe(true);
    expect(reply.failedAs).toBe("unreachable");
    expect(reply.text).toContain("a-site.example");
    expect(reply.text).toContain("c-site.example");
    expect(reply.card?.title).toBe("3 hostings");
    expect(reply.text).toContain("Could not be read (1 of 3):");
    expect(reply.text).toMatch(/• b-site\.example/);
    const data = reply.data as { hostings: { name: string }[]; unread: { name: string; error: string }[] };
    expect(data.hostings.map((h) => h.name)).toEqual(["a-site.example", "c-site.example"]);
    expect(data.unread).toEqual([{ name: "b-site.example", error: expect.stringContaining("b-site.example") }]);
  });

  it("`status all` with nothing readable answers the error itself", async () => {
    const hostings = ["a-site.example", "b-site.example"].map((name) => ({ name, maxPerDay: 500, profile: { dailyMails: 50, errorRate: 0.01 } }));
    const { harness, app } = await setup({ hostings });
    harness.fake.inject({ kind: "status500", path: "/email", times: 6 });
    const reply = await ask(app, person("ADMIN"), "status all");
    expect(reply.failed).toBe(true);
    expect(reply.card).toBeUndefined();
    expect(reply.text).not.toContain("Could not be read");
  });

  it("is the app's provider when the OVH variables are set", async () => {
    harness = await startOvhHarness();
    const dir = await tempDir();
    const env = envSchema.parse({
      MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
      OVH_ENDPOINT: harness.fake.endpoint,
      OVH_APPLICATION_KEY: FAKE_CREDENTIALS.appKey,
      OVH_APPLICATION_SECRET: FAKE_CREDENTIALS.appSecret,
      OVH_CONSUMER_KEY: FAKE_CREDENTIALS.consumerKey,
    });
    app = await createApp(env, { logger: pino({ level: "silent" }) });
    expect(app.services.provider.kind).toBe("ovh");
    const reply = await ask(app, person("ANYONE"), `status ${HOSTING}`);
    expect(reply.text).toContain(HOSTING);
    expect(harness.fake.requests.some((r) => r.path === `/hosting/web/${HOSTING}/email` && r.status === 200)).toBe(true);
  });

  it("refuses a bad OVH_ENDPOINT at start-up, naming the variable", async () => {
    const dir = await tempDir();
    const env = envSchema.parse({
      MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
      OVH_ENDPOINT: "https://not a host/",
      OVH_APPLICATION_KEY: "k",
      OVH_APPLICATION_SECRET: "s",
      OVH_CONSUMER_KEY: "c",
    });
    await expect(createApp(env, { logger: pino({ level: "silent" }) })).rejects.toThrow(/^OVH_ENDPOINT: /);
  });
});
