// Every replica restarted: nothing kept in a process is lost — pending confirmations (an old
// button still works, once), holds, purges being followed, the audit trail.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { freshDatabase } from "../helpers/pg.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person } from "../helpers/testApp.ts";

const tempDir = useTempDir();
const OTHER = "kahvila-aalto.fi";

describe("a restart of every replica", () => {
  it("loses nothing, and an old button still works once", { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const dataDir = await tempDir();
    const clock = new ManualClock();
    const env = { DATABASE_URL: url, MAILBRAKE_ADMINS: "slack:ADMIN" };
    const admin = person("ADMIN");

    const first = await makeTestApp({ dataDir, env, clock });
    const [blockOther] = buttons(await ask(first, admin, `block ${OTHER} before the restart`));
    await click(first, admin, blockOther!);
    const [purge] = buttons(await ask(first, admin, `purge ${OTHER}`));
    await click(first, admin, purge!);
    const [pending] = buttons(await ask(first, admin, `block ${HOSTING} hacked form`));
    const before = {
      holds: await first.services.store.holds.all(),
      follows: await first.services.store.follows.all(),
      audit: await first.services.store.audit.recent(100),
    };
    expect(Object.keys(before.holds)).toEqual([OTHER]);
    expect(before.follows.map((f) => f.hosting)).toEqual([OTHER]);
    await first.close();

    const second = await makeTestApp({ dataDir, env, clock });
    try {
      expect(await second.services.store.holds.all()).toEqual(before.holds);
      expect(await second.services.store.follows.all()).toEqual(before.follows);
      expect(await second.services.store.audit.recent(100)).toEqual(before.audit);
      const done = await click(second, admin, pending!);
      expect(done.update?.text).toContain("Decided by user-ADMIN");
      const again = await click(second, admin, pending!);
      expect(again.update).toBeUndefined();
      expect(again.notice?.text).toContain("already");
      const executed = (await second.services.store.audit.recent(100)).filter((r) => r.event === "executed" && r.hosting === HOSTING);
      expect(executed).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
