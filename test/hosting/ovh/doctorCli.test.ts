// `mailbrake doctor` as people run it: the real CLI in a child process, trusting the fake
// API's certificate through NODE_EXTRA_CA_CERTS.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackCertificate } from "../../fakes/ovhCert.ts";
import { FAKE_CREDENTIALS, FAKE_OAUTH } from "../../fakes/ovhApi.ts";
import { type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";
import { runCli } from "../../helpers/cli.ts";
import { useTempDir } from "../../helpers/tempDir.ts";

const tempDir = useTempDir();
let h: OvhHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The system's bundle plus the fake's certificate (NODE_EXTRA_CA_CERTS takes one file). */
async function trustFile(dir: string): Promise<string> {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  const system = extra ? await readFile(extra, "utf8").catch(() => "") : "";
  const file = join(dir, "ca.pem");
  await writeFile(file, `${system}\n${(await loopbackCertificate()).cert}`);
  return file;
}

async function run(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const { code, stdout, stderr } = await runCli(["doctor"], { dataDir, env });
  return { code, out: stdout + stderr };
}

describe("mailbrake doctor (CLI)", () => {
  it("without credentials, explains the sandbox and exits 2 (nothing checked: issue #17)", async () => {
    const { code, out } = await run(await tempDir(), {});
    expect(code).toBe(2);
    expect(out).toContain("uses the embedded sandbox");
    expect(out).toContain("https://eu.api.ovh.com/createToken/?");
  });

  it("checks the real client against the fake API and never prints a secret", async () => {
    h = await startOvhHarness();
    const dir = await tempDir();
    const { code, out } = await run(dir, {
      NODE_EXTRA_CA_CERTS: await trustFile(dir),
      OVH_ENDPOINT: h.fake.endpoint,
      OVH_APPLICATION_KEY: FAKE_CREDENTIALS.appKey,
      OVH_APPLICATION_SECRET: FAKE_CREDENTIALS.appSecret,
      OVH_CONSUMER_KEY: FAKE_CREDENTIALS.consumerKey,
    });
    expect(out).toContain("Credentials accepted: 3 hostings visible");
    expect(out).toContain("All checks passed.");
    expect(code).toBe(0);
    expect(out).not.toContain(FAKE_CREDENTIALS.appSecret);
    expect(out).not.toContain(FAKE_CREDENTIALS.consumerKey);
  });

  it("works with an OAuth2 service account (token from /auth/oauth2/token)", async () => {
    h = await startOvhHarness();
    const dir = await tempDir();
    const { code, out } = await run(dir, {
      NODE_EXTRA_CA_CERTS: await trustFile(dir),
      OVH_ENDPOINT: h.fake.endpoint,
      OVH_CLIENT_ID: FAKE_OAUTH.clientId,
      OVH_CLIENT_SECRET: FAKE_OAUTH.clientSecret,
    });
    expect(out).toContain("OAuth2 service account");
    expect(out).toContain("Credentials accepted: 3 hostings visible");
    expect(out).toMatch(/– POST \/hosting\/web\/\*\/email\/request .*: not checked/);
    expect(code).toBe(0);
    expect(out).not.toContain(FAKE_OAUTH.clientSecret);
    expect(h.fake.requests.some((r) => r.path === "/auth/oauth2/token")).toBe(true);
  });

  it("names refused OAuth2 client credentials", async () => {
    h = await startOvhHarness();
    const dir = await tempDir();
    const { code, out } = await run(dir, {
      NODE_EXTRA_CA_CERTS: await trustFile(dir),
      OVH_ENDPOINT: h.fake.endpoint,
      OVH_CLIENT_ID: FAKE_OAUTH.clientId,
      OVH_CLIENT_SECRET: "wrong-secret-value",
    });
    expect(code).toBe(1);
    expect(out).toContain("✘ Credentials refused");
    expect(out).toContain("Check OVH_CLIENT_ID and OVH_CLIENT_SECRET");
    expect(out).not.toContain("wrong-secret-value");
  });
});
