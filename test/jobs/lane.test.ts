// The scheduled jobs call the provider as a job (behind people in the provider's call budget),
// through `forLane("job")`; a person's command calls it as a person.
import { describe, expect, it } from "vitest";
import type { CallLane } from "../../src/hosting/callLane.ts";
import type { HostingProvider } from "../../src/hosting/port.ts";
import { makeJobsApp } from "../helpers/jobsApp.ts";
import { spyProvider } from "../helpers/providerSpy.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, HOSTING, person } from "../helpers/testApp.ts";

/** The provider in `lane`, recording each call with its lane; `forLane` gives another view. */
function laned(provider: HostingProvider, seen: string[], lane: CallLane = "person"): HostingProvider {
  const spied = spyProvider(provider, ({ method, call }) => {
    seen.push(`${lane}:${method}`);
    return call();
  });
  return new Proxy(spied, {
    get: (target, key) => (key === "forLane" ? (other: CallLane) => laned(provider, seen, other) : Reflect.get(target, key)),
  });
}

describe("call lanes", () => {
  const tempDir = useTempDir();

  it("a tick's provider calls are the job's; a command's are a person's", async () => {
    const seen: string[] = [];
    const app = await makeJobsApp({ dataDir: await tempDir(), wrap: (sandbox) => laned(sandbox, seen) });
    await ask(app, person("V"), `status ${HOSTING}`);
    expect(seen).toContain("person:getMail");
    expect(seen.filter((call) => call.startsWith("job:"))).toEqual([]);
    seen.length = 0;
    await app.jobs.tick();
    const polls = seen.filter((call) => call.endsWith(":getMail") || call.endsWith(":bounces"));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.filter((call) => !call.startsWith("job:"))).toEqual([]);
    await app.jobs.stop();
    await app.close();
  });
});
