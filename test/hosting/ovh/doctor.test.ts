// `doctor` against the fake API through the real client: credentials, clock, hostings,
// each route's right, and the rights to request.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { envSchema } from "../../../src/config.ts";
import { runDoctor } from "../../../src/hosting/ovh/doctor.ts";
import { type Language, translator } from "../../../src/i18n/index.ts";
import { FAKE_CREDENTIALS } from "../../fakes/ovhApi.ts";
import { type HarnessOptions, type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";

let h: OvhHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function doctor(vars: Record<string, string>, language: Language = "en") {
  const lines: string[] = [];
  const code = await runDoctor({
    env: envSchema.parse({ OVH_TIMEOUT_MS: "1000", ...vars }),
    t: translator(language),
    logger: pino({ level: "silent" }),
    write: (line) => lines.push(line),
  });
  return { code, text: lines.join("\n"), lines };
}

async function withFake(options: HarnessOptions = {}) {
  h = await startOvhHarness(options);
  return {
    OVH_ENDPOINT: h.fake.endpoint,
    OVH_APPLICATION_KEY: FAKE_CREDENTIALS.appKey,
    OVH_APPLICATION_SECRET: FAKE_CREDENTIALS.appSecret,
    OVH_CONSUMER_KEY: FAKE_CREDENTIALS.consumerKey,
  };
}

const line = (text: string, start: string) => text.split("\n").find((l) => l.includes(start)) ?? "";

describe("doctor", () => {
  it("without credentials: says the sandbox is used and prints the rights and the token URL", async () => {
    const { code, text } = await doctor({});
    // Nothing was checked: a configuration problem for a script (issue #17).
    expect(code).toBe(2);
    expect(text).toContain("uses the embedded sandbox");
    expect(text).toContain("  POST /hosting/web/*/email/request");
    expect(text).toContain("https://eu.api.ovh.com/createToken/?GET=/hosting/web&");
    expect(text).toContain("webHosting:apiovh:email/request/create");
    const ca = await doctor({ OVH_ENDPOINT: "ovh-ca" });
    expect(ca.text).toContain("https://ca.api.ovh.com/createToken/?");
  });

  it("with every right: lists the hostings and passes every check", async () => {
    const { code, text } = await doctor(await withFake());
    expect(code).toBe(0);
    expect(text).toContain("Credentials accepted: 3 hostings visible: boulangerie-martin.fr, kahvila-aalto.fi, sklep-nowak.pl");
    expect(text).toMatch(/✔ Clock: -?[01] s off/);
    for (const path of ["GET /hosting/web (", "GET /hosting/web/*/email (", "PUT /hosting/web/*/email (", "POST /hosting/web/*/email/request ("]) {
      expect(line(text, path)).toMatch(/✔ .*: allowed$/);
    }
    expect(text).toContain("All checks passed.");
    // Reading is the only thing doctor did.
    expect(h!.fake.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("prints the calls a minute the jobs make for this account, and when they must read less often", async () => {
    const vars = await withFake();
    const small = await doctor(vars);
    expect(small.text).toContain("✔ Calls a minute the jobs make for 3 hostings with the current settings: about 2 (budget: 60 a minute");
    const tight = await doctor({ ...vars, OVH_CALLS_PER_MINUTE: "4", MAILBRAKE_WATCH_MINUTES: "1" });
    expect(tight.text).toContain("! Calls a minute the jobs make for 3 hostings with the current settings: about 5 (budget: 4 a minute");
    expect(tight.text).toMatch(/they will read less often, about 3 calls a minute \(errors every [\d.]+ min, state every [\d.]+ min\)/);
  });

  it("names each missing right and fails", async () => {
    const granted = ["webHosting:apiovh:get", "webHosting:apiovh:email/get", "webHosting:apiovh:email/edit"];
    const { code, text } = await doctor(await withFake({ granted }));
    expect(code).toBe(1);
    expect(line(text, "POST /hosting/web/*/email/request (")).toContain("✘");
    expect(line(text, "POST /hosting/web/*/email/request (")).toContain("MISSING");
    expect(line(text, "GET /hosting/web/*/email/volumes (")).toContain("MISSING");
    expect(line(text, "PUT /hosting/web/*/email (")).toContain("allowed");
    expect(text).toContain("Some checks failed");
  });

  it("fails, saying why, when the key's rules cannot be read (write rights unchecked)", async () => {
    const vars = await withFake();
    h!.fake.inject({ kind: "status500", path: "/auth/currentCredential" });
    const { code, text } = await doctor(vars);
    expect(code).toBe(1);
    expect(text).toContain("✘ The write rights could not be checked: reading this key's rules (GET /auth/currentCredential) failed");
    expect(line(text, "POST /hosting/web/*/email/request (")).toContain("the check failed");
    expect(line(text, "GET /hosting/web/*/email (")).toContain("allowed");
    expect(text).toContain("Some checks failed");
    h!.fake.inject({ kind: "status500", path: "/auth/currentCredential" });
    const fi = await doctor(vars, "fi");
    expect(fi.code).toBe(1);
    expect(fi.text).toContain("Kirjoitusoikeuksia ei voitu tarkistaa");
  });

  it("explains refused credentials and how to make new ones", async () => {
    const vars = await withFake();
    h!.fake.credentialExpired = true;
    const { code, text } = await doctor(vars);
    expect(code).toBe(1);
    expect(text).toContain("Credentials refused");
    expect(text).toContain("Create a new consumer key");
    expect(text).toContain(`https://127.0.0.1:${h!.fake.port}/createToken/?`);
  });

  it("warns when the clock is far off and says when the credentials expire", async () => {
    const vars = await withFake({ skewSeconds: 120 });
    h!.fake.credentialExpiration = "2027-01-31T00:00:00Z";
    const { code, text } = await doctor(vars);
    expect(code).toBe(0);
    expect(text).toMatch(/! Clock: 12\d s off/);
    expect(text).toContain("expire on 2027-01-31T00:00:00Z");
  });

  it("says when the API cannot be reached", async () => {
    const vars = await withFake();
    await h!.fake.close();
    const { code, text } = await doctor(vars);
    expect(code).toBe(1);
    expect(text).toContain("The API cannot be reached");
  });

  it("speaks the user's language and never prints a secret", async () => {
    const { text } = await doctor(await withFake(), "fr");
    expect(text).toContain("Identifiants acceptés : 3 hébergements visibles");
    expect(text).toContain("Toutes les vérifications sont passées.");
    expect(text).not.toContain(FAKE_CREDENTIALS.appSecret);
    expect(text).not.toContain(FAKE_CREDENTIALS.consumerKey);
  });
});
