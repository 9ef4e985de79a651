// The PostgreSQL store against the store contract (two replicas' handles on one database),
// plus what only a shared database has: fenced job writes.
import { afterEach, describe, expect, it } from "vitest";
import * as z from "../../../src/zod.ts";
import { LeaseLostError } from "../../../src/store/pg/lease.ts";
import { openPgStore } from "../../../src/store/pg/open.ts";
import type { PgStore } from "../../../src/store/pg/pgStore.ts";
import { freshDatabase } from "../../helpers/pg.ts";
import { storeContract } from "../storeContract.ts";

const opened: PgStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function openTwo(auditMaxRecords = 100_000): Promise<[PgStore, PgStore]> {
  const url = await freshDatabase();
  const audit = { maxRecords: auditMaxRecords, maxAgeMs: 365 * 86_400_000 };
  const pair: [PgStore, PgStore] = [await openPgStore(url, { audit }), await openPgStore(url, { audit })];
  opened.push(...pair);
  return pair;
}

storeContract("PostgreSQL", { open: ({ auditMaxRecords }) => openTwo(auditMaxRecords) });

describe("PostgreSQL store: the leader's fenced view", () => {
  const schema = z.object({ cursor: z.number() });

  it("writes with the current term; a write of a term another replica superseded is refused and changes nothing", async () => {
    const [a, b] = await openTwo();
    const first = (await a.lease.acquire("replica-a", 15_000))!;
    const leaderA = a.fencedBy(first.term);
    await leaderA.jobs.write("collector", schema, { cursor: 1 });
    expect((await leaderA.posts.claim("report:2026-11-24", 1)).kind).toBe("claimed");
    await b.pool.query("UPDATE mb_lease SET expires_at = now() - interval '1 second'");
    const second = (await b.lease.acquire("replica-b", 15_000))!;
    const leaderB = b.fencedBy(second.term);
    await expect(leaderA.jobs.write("collector", schema, { cursor: 99 })).rejects.toBeInstanceOf(LeaseLostError);
    await expect(leaderA.posts.markSent("report:2026-11-24", [], 2)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(leaderA.errors.appendMany([{ at: 1, hosting: "x.fr", to: "a@b.fr", message: "550" }])).rejects.toBeInstanceOf(LeaseLostError);
    expect(await b.jobs.read("collector", schema, () => ({ cursor: 0 }))).toEqual({ cursor: 1 });
    expect((await b.posts.get("report:2026-11-24"))?.status).toBe("sending");
    expect(await b.errors.between(0, 10)).toEqual([]);
    await leaderB.posts.markSent("report:2026-11-24", [], 3);
    expect((await a.posts.claim("report:2026-11-24", 4)).kind).toBe("done");
  });

  it("commands are not fenced: a replica that does not lead still claims and finishes confirmations", async () => {
    const [a, b] = await openTwo();
    await a.lease.acquire("replica-a", 15_000);
    const c = await b.confirmations.create({
      kind: "confirm",
      mutation: "block",
      hosting: "x.fr",
      args: {},
      requester: { platform: "slack", id: "U1", name: "Alice" },
      channel: "C1",
      language: "en",
      createdAt: 1,
      expiresAt: 300_001,
    });
    const claim = await b.confirmations.claim(c.token, { to: "executing", by: { platform: "slack", id: "U1", name: "Alice" }, place: { platform: "slack", channel: "C1" }, at: 2 });
    expect(claim.kind).toBe("claimed");
  });
});
