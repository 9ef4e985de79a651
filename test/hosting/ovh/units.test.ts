// The small pieces: the limiter, the backoff, the rights table, endpoints, configuration.
import { describe, expect, it } from "vitest";
import { envSchema, loadEnv } from "../../../src/config.ts";
import { parseEndpoint } from "../../../src/hosting/ovh/client.ts";
import { Limiter } from "../../../src/hosting/ovh/limiter.ts";
import { backoffMs } from "../../../src/hosting/ovh/retry.ts";
import { BOT_ROUTES, globMatch, routeOf, tokenCreationUrl } from "../../../src/hosting/ovh/rights.ts";

describe("Limiter", () => {
  it("never runs more than its bound and keeps the order of results", async () => {
    let running = 0;
    let most = 0;
    const limiter = new Limiter(3);
    const work = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return i * 2;
    };
    const results = await Promise.all([...Array(30).keys()].map((i) => limiter.run(() => work(i))));
    expect(most).toBe(3);
    expect(limiter.peak).toBe(3);
    expect(results).toEqual([...Array(30).keys()].map((i) => i * 2));
  });

  it("frees the slot when the work fails", async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "next")).toBe("next");
    expect(limiter.inFlight).toBe(0);
    expect(limiter.peak).toBe(1);
  });

  it("refuses a bound that is not a positive integer", () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
    expect(() => new Limiter(1.5)).toThrow(RangeError);
  });
});

describe("backoff", () => {
  const policy = { retries: 3, baseMs: 100, maxMs: 300 };
  it("waits at most base × 2^attempt, capped", () => {
    expect(backoffMs(policy, 0, () => 1)).toBe(100);
    expect(backoffMs(policy, 1, () => 1)).toBe(200);
    expect(backoffMs(policy, 5, () => 1)).toBe(300);
    expect(backoffMs(policy, 2, () => 0)).toBe(0);
    expect(backoffMs(policy, 1, () => 0.5)).toBe(100);
  });
});

describe("rights", () => {
  it("maps a concrete call to its route and IAM action", () => {
    expect(routeOf("GET", "/hosting/web/a.example/email/bounces?limit=5")?.iamAction).toBe(
      "webHosting:apiovh:email/bounces/get",
    );
    expect(routeOf("PUT", "/hosting/web/a.example/email")?.iamAction).toBe("webHosting:apiovh:email/edit");
    expect(routeOf("DELETE", "/hosting/web/a.example")).toBeUndefined();
    expect(globMatch("/hosting/web/*", "/hosting/web/a.example/email")).toBe(true);
    expect(globMatch("/hosting/web", "/hosting/web/a.example")).toBe(false);
  });

  it("builds the token-creation URL with exactly the bot's rights, per endpoint", () => {
    expect(tokenCreationUrl("ovh-eu")).toBe(
      "https://eu.api.ovh.com/createToken/?GET=/hosting/web&GET=/hosting/web/*/email&PUT=/hosting/web/*/email" +
        "&POST=/hosting/web/*/email/request&GET=/hosting/web/*/email/bounces&GET=/hosting/web/*/email/volumes",
    );
    expect(tokenCreationUrl("ovh-ca")).toMatch(/^https:\/\/ca\.api\.ovh\.com\/createToken\/\?/);
    expect(tokenCreationUrl("ovh-us")).toMatch(/^https:\/\/api\.us\.ovhcloud\.com\/createToken\/\?/);
    expect(BOT_ROUTES).toHaveLength(6);
  });
});

describe("endpoints and configuration", () => {
  it("accepts the named endpoints and host[:port], refuses anything else", () => {
    expect(parseEndpoint("ovh-eu")).toEqual({ name: "ovh-eu" });
    expect(parseEndpoint("api.proxy.example:8443")).toEqual({ host: "api.proxy.example", port: 8443 });
    expect(parseEndpoint("api.proxy.example")).toEqual({ host: "api.proxy.example", port: 443 });
    expect(parseEndpoint("https://x.example/")).toBeUndefined();
    expect(parseEndpoint("x.example:99999")).toBeUndefined();
  });

  it("has defaults for the timeout, the concurrency and the retries", () => {
    const env = envSchema.parse({});
    expect(env).toMatchObject({ OVH_ENDPOINT: "ovh-eu", OVH_TIMEOUT_MS: 10_000, OVH_CONCURRENCY: 8, OVH_RETRIES: 2 });
  });

  it("names a half-configured OAuth2 account and a bad concurrency, never their values", () => {
    expect(() => loadEnv({ OVH_CLIENT_ID: "client-xyz" })).toThrow(/OVH_CLIENT_SECRET/);
    expect(() => loadEnv({ OVH_CLIENT_SECRET: "very-secret-value" })).toThrow(/OVH_CLIENT_ID/);
    expect(() => loadEnv({ OVH_CLIENT_SECRET: "very-secret-value" })).not.toThrow(/very-secret-value/);
    expect(() => loadEnv({ OVH_CONCURRENCY: "0" })).toThrow(/OVH_CONCURRENCY/);
  });
});
