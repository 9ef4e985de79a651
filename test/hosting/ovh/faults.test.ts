// Fault injection through the real node-ovh client: every failure becomes a typed
// HostingError; reads are retried, writes are sent once and read back when the answer is lost.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HostingError } from "../../../src/hosting/port.ts";
import { type HarnessOptions, type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";

const HOSTING = "boulangerie-martin.fr";
let h: OvhHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<OvhHarness> {
  h = await startOvhHarness(options);
  await h.provider.listHostings(); // clock synced, connection warm
  return h;
}

async function failure(work: Promise<unknown>): Promise<HostingError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof HostingError) return error;
    throw error;
  }
  throw new Error("expected a HostingError");
}

const calls = (harness: OvhHarness, method: string, path: string) =>
  harness.fake.requests.filter((r) => r.method === method && r.path === path);
const emailPath = `/hosting/web/${HOSTING}/email`;

describe("reads: retried with backoff, bounded", () => {
  it("retries a 500 and succeeds", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "status500", path: emailPath });
    expect((await harness.provider.getMail(HOSTING)).state).toBe("ok");
    expect(calls(harness, "GET", emailPath).map((r) => r.status)).toEqual([500, 200]);
  });

  it("gives up after the configured retries with 'unavailable', the status and the query id", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "status500", path: emailPath, times: 5 });
    const error = await failure(harness.provider.getMail(HOSTING));
    const seen = calls(harness, "GET", emailPath);
    expect(seen).toHaveLength(3); // 1 + 2 retries
    expect(error.code).toBe("unavailable");
    expect(error.details).toMatchObject({ status: 500, hosting: HOSTING, queryId: seen[2]!.queryId });
  });

  it("treats a 503 whose body is not JSON as unavailable and retries it", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "text503", path: emailPath, times: 3 });
    const error = await failure(harness.provider.getMail(HOSTING));
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("not JSON");
    expect(calls(harness, "GET", emailPath)).toHaveLength(3);
  });

  it("retries a 429 (rate limited)", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "rateLimited", path: emailPath });
    expect((await harness.provider.getMail(HOSTING)).state).toBe("ok");
    const error = await (async () => {
      harness.fake.inject({ kind: "rateLimited", path: emailPath, times: 3 });
      return failure(harness.provider.getMail(HOSTING));
    })();
    expect(error.code).toBe("rate_limited");
  });

  it("fires the timeout on a socket that never answers", async () => {
    const harness = await start({ settings: { timeoutMs: 150, retry: { retries: 0, baseMs: 1, maxMs: 1 } } });
    harness.fake.inject({ kind: "hang", path: emailPath });
    const error = await failure(harness.provider.getMail(HOSTING));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("150 ms");
    expect(calls(harness, "GET", emailPath)[0]!.status).toBe("hung");
    // The client is still usable afterwards.
    expect((await harness.provider.getMail(HOSTING)).state).toBe("ok");
  });

  it("says 'unavailable' when the connection is refused", async () => {
    const harness = await start();
    const port = await freePort();
    const provider = harness.makeProvider({ endpoint: `127.0.0.1:${port}` });
    const error = await failure(provider.listHostings());
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/could not be reached/);
  });
});

describe("credentials and rights", () => {
  it("names the missing IAM action of a 403 and changes nothing", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "forbiddenIam", method: "POST" });
    const error = await failure(harness.provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("forbidden");
    expect(error.details.missingRight).toBe("webHosting:apiovh:email/request/create");
    expect(error.details.status).toBe(403);
    expect((await harness.sandbox.getMail(HOSTING)).state).toBe("ok");
  });

  it("names the route's IAM action when the 403 only says 'not granted'", async () => {
    const harness = await start({ granted: ["webHosting:apiovh:get"] });
    const error = await failure(harness.provider.volumes(HOSTING));
    expect(error.code).toBe("forbidden");
    expect(error.details.missingRight).toBe("webHosting:apiovh:email/volumes/get");
    expect(calls(harness, "GET", `${emailPath}/volumes`)).toHaveLength(1); // not retried
  });

  it("treats 460 (expired credential) as bad credentials, without retrying", async () => {
    const harness = await start();
    harness.fake.credentialExpired = true;
    const error = await failure(harness.provider.getMail(HOSTING));
    expect(error.code).toBe("auth");
    expect(error.details.status).toBe(460);
    expect(calls(harness, "GET", emailPath)).toHaveLength(1);
  });

  it("treats an unknown application key as bad credentials", async () => {
    const harness = await start();
    const provider = harness.makeProvider({
      credentials: { appKey: "other-key", appSecret: "x-secret-x", consumerKey: "y-consumer-y" },
    });
    const error = await failure(provider.listHostings());
    expect(error.code).toBe("auth");
    expect(error.message).toContain("application key is invalid");
  });

  it("is refused by the fake when the signature is wrong (a wrong application secret)", async () => {
    const harness = await start();
    const provider = harness.makeProvider({
      credentials: { appKey: "fakeAppKey7d3c", appSecret: "not-the-secret", consumerKey: "fakeConsumerKey-1a2b3c4d5e6f" },
    });
    const error = await failure(provider.listHostings());
    expect(error.code).toBe("auth");
    expect(error.message).toContain("Invalid signature");
    // One re-sync in case the clock was the cause, then it gives up.
    expect(calls(harness, "GET", "/hosting/web").map((r) => r.status)).toEqual([200, 400, 400]);
  });

  it("re-syncs with /auth/time when the signature is refused for clock drift, then succeeds", async () => {
    const harness = await start();
    harness.fake.skewSeconds = 600;
    expect((await harness.provider.getMail(HOSTING)).state).toBe("ok");
    expect(calls(harness, "GET", emailPath).map((r) => r.status)).toEqual([400, 200]);
    expect(calls(harness, "GET", "/auth/time")).toHaveLength(2);
    // A write refused for its timestamp was not applied: sent again, applied once.
    harness.fake.skewSeconds = -600;
    await harness.provider.requestAction(HOSTING, "BLOCK");
    expect(calls(harness, "POST", `${emailPath}/request`).map((r) => r.status)).toEqual([400, 200]);
    expect((await harness.sandbox.getMail(HOSTING)).state).toBe("ko");
  });
});

describe("writes: never retried blindly", () => {
  it("a write stopped by a failed /auth/time check was never sent: not an answer lost", async () => {
    h = await startOvhHarness({ settings: { timeoutMs: 150, retry: { retries: 0, baseMs: 1, maxMs: 1 } } });
    h.fake.inject({ kind: "hang", path: "/auth/time" });
    const error = await failure(h.provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("timeout");
    expect(error.message).not.toContain("answer was lost");
    expect(h.fake.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    expect((await h.provider.getMail(HOSTING)).state).toBe("ok");
  });

  it("reads the state back when a block's answer is lost, and tells the truth", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "loseAnswer", method: "POST" });
    const error = await failure(harness.provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("unknown_outcome");
    expect(error.details).toMatchObject({ hosting: HOSTING, state: "ko", action: "BLOCK" });
    expect(calls(harness, "POST", `${emailPath}/request`)).toHaveLength(1);
    expect((await harness.sandbox.getMail(HOSTING)).state).toBe("ko");
  });

  it("sends a write once on a 500 and reports the state read back", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "status500", method: "POST" });
    const error = await failure(harness.provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("unknown_outcome");
    expect(error.details.state).toBe("ok");
    expect(calls(harness, "POST", `${emailPath}/request`)).toHaveLength(1);
  });

  it("sends a write once on a timeout and reads back", async () => {
    const harness = await start({ settings: { timeoutMs: 150 } });
    harness.fake.inject({ kind: "hang", method: "POST" });
    const error = await failure(harness.provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("unknown_outcome");
    expect(error.details.state).toBe("ok");
    expect(calls(harness, "POST", `${emailPath}/request`)).toHaveLength(1);
  });

  it("keeps the original error when the state cannot be read back either", async () => {
    const harness = await start({ settings: { timeoutMs: 150 } });
    harness.fake.inject({ kind: "hang", method: "POST" });
    harness.fake.inject({ kind: "status500", method: "GET", path: emailPath, times: 3 });
    const error = await failure(harness.provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("timeout");
    expect(error.details.state).toBeUndefined();
  });

  it("settles a lost recipient change by reading it back", async () => {
    const harness = await start();
    harness.fake.inject({ kind: "loseAnswer", method: "PUT" });
    await harness.provider.setReportRecipient(HOSTING, "alerts@boulangerie-martin.fr");
    expect(calls(harness, "PUT", emailPath)).toHaveLength(1);
    expect((await harness.sandbox.getMail(HOSTING)).reportRecipient).toBe("alerts@boulangerie-martin.fr");
  });

  it("keeps the plain error when nothing was sent (connection refused)", async () => {
    const harness = await start();
    const provider = harness.makeProvider({ endpoint: `127.0.0.1:${await freePort()}` });
    const error = await failure(provider.requestAction(HOSTING, "BLOCK"));
    expect(error.code).toBe("unavailable");
  });
});

describe("secrets", () => {
  it("never appear in logs or error messages", async () => {
    const harness = await start({ settings: { timeoutMs: 150 } });
    const { appSecret, consumerKey } = (await import("../../fakes/ovhApi.ts")).FAKE_CREDENTIALS;
    const messages: string[] = [];
    const collect = async (work: Promise<unknown>) => messages.push((await failure(work)).message);
    harness.fake.inject({ kind: "status500", times: 3 });
    await collect(harness.provider.getMail(HOSTING));
    harness.fake.inject({ kind: "forbiddenIam" });
    await collect(harness.provider.requestAction(HOSTING, "BLOCK"));
    harness.fake.inject({ kind: "hang", method: "POST" });
    await collect(harness.provider.requestAction(HOSTING, "PURGE"));
    harness.fake.credentialExpired = true;
    await collect(harness.provider.listHostings());
    harness.fake.credentialExpired = false;
    harness.fake.skewSeconds = 900;
    await harness.provider.getMail(HOSTING);
    const text = [...harness.logs, ...messages].join("\n");
    expect(harness.logs.length).toBeGreaterThan(5);
    expect(text).not.toContain(appSecret);
    expect(text).not.toContain(consumerKey);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
