// `status all` reads many hostings a few at a time: the provider queues calls beyond its own
// limit, and a read waiting there would still hold its state (a status of 800 hostings cost a
// third more per hosting than one of 100). Every hosting is still read and shown.
import { describe, expect, it } from "vitest";
import { spyProvider } from "../helpers/providerSpy.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, makeTestApp, person } from "../helpers/testApp.ts";

describe("status all over many hostings", () => {
  const tempDir = useTempDir();

  it("reads at most 32 hostings at once, and shows every one, a failing one named", async () => {
    let inFlight = 0;
    let most = 0;
    const read = new Set<string>();
    const app = await makeTestApp({
      dataDir: await tempDir(),
      env: { MAILBRAKE_ADMINS: "slack:V" },
      wrap: (sandbox) =>
        spyProvider(sandbox, async ({ method, args, call }) => {
          if (method !== "getMail") return call();
          inFlight += 1;
          most = Math.max(most, inFlight);
          // Held for a turn of the event loop: reads started together are in flight together.
          await new Promise((resolve) => setImmediate(resolve));
          inFlight -= 1;
          read.add(args[0] as string);
          if (args[0] === names[50]) throw new Error("read failed");
          return call();
        }),
    });
    const names = await app.sandbox.addHostings(100);
    const all = await app.engine.hostings.list();
    const reply = await ask(app, person("V"), "status all");
    expect(most).toBeGreaterThanOrEqual(8);
    expect(most).toBeLessThanOrEqual(32);
    expect([...read].sort()).toEqual([...all].sort());
    const data = reply.data as { hostings: { name: string }[]; unread: { name: string }[] };
    expect(data.hostings.map((h) => h.name).sort()).toEqual(all.filter((name) => name !== names[50]).sort());
    expect(data.unread.map((h) => h.name)).toEqual([names[50]]);
    expect(reply.text).toContain(names[50]);
    // A partial answer is not a success (the one-shot command exits non-zero).
    expect(reply.failed).toBe(true);
    await app.close();
  });
});
