// `store import`: an embedded store's state and history copied into PostgreSQL once; a second
// run (or two at once) copies nothing more.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as z from "../../../src/zod.ts";
import { EmbeddedStore } from "../../../src/store/embedded/embeddedStore.ts";
import { importEmbedded } from "../../../src/store/pg/importEmbedded.ts";
import { openPgStore } from "../../../src/store/pg/open.ts";
import type { PgStore } from "../../../src/store/pg/pgStore.ts";
import { freshDatabase } from "../../helpers/pg.ts";
import { useTempDir } from "../../helpers/tempDir.ts";

const tempDir = useTempDir();
const audit = { maxRecords: 100_000, maxAgeMs: 365 * 86_400_000 };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const alice = { platform: "slack", id: "U1", name: "Alice" };
const opened: PgStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function embeddedWithEverything(): Promise<{ dataFile: string; token: string }> {
  const dataFile = join(await tempDir(), "mailbrake.json");
  const store = await EmbeddedStore.open({ dataFile, audit });
  const c = await store.confirmations.create({
    kind: "confirm", mutation: "block", hosting: "x.fr", args: { reason: "spam" }, requester: alice,
    channel: "C1", language: "fr", createdAt: T0, expiresAt: T0 + 300_000,
  });
  await store.holds.record("x.fr", { since: T0, exact: true });
  await store.follows.add({ hosting: "y.fr", mutation: "purge", by: alice, startedAt: T0, fromState: "ko", refs: [] });
  await store.jobs.write("collector", z.object({ cursor: z.number() }), { cursor: 42 });
  await store.posts.markSent("report:2026-11-24", [{ platform: "slack", channel: "C1", id: "1.2" }], T0);
  for (let i = 0; i < 12; i += 1) {
    await store.audit.append({ at: T0 + i, event: "request", platform: "slack", actorId: "U1", actorName: "Alice", channel: "C1", command: "status", hosting: "x.fr", outcome: `n${i}` });
  }
  await store.errors.appendMany([0, 1, 2].map((i) => ({ at: T0 + i, hosting: "x.fr", to: `u${i}@b.fr`, message: "550" })));
  await store.close();
  return { dataFile, token: c.token };
}

describe("store import", () => {
  it("copies state and history; the buttons of pending confirmations keep working", async () => {
    const { dataFile, token } = await embeddedWithEverything();
    const pg = await openPgStore(await freshDatabase(), { audit });
    opened.push(pg);
    const result = await importEmbedded(pg.pool, dataFile, T0 + 1000);
    expect(result).toEqual({ kind: "imported", counts: { confirmations: 1, holds: 1, follows: 1, jobs: 1, posts: 1, audit: 12, errors: 3 } });
    expect(await pg.holds.all()).toEqual({ "x.fr": { since: T0, exact: true } });
    expect((await pg.follows.all()).map((f) => f.hosting)).toEqual(["y.fr"]);
    expect(await pg.jobs.read("collector", z.object({ cursor: z.number() }), () => ({ cursor: 0 }))).toEqual({ cursor: 42 });
    expect((await pg.posts.claim("report:2026-11-24", T0 + 2)).kind).toBe("done");
    expect((await pg.audit.recent(3, "x.fr")).map((r) => r.outcome)).toEqual(["n11", "n10", "n9"]);
    expect(await pg.errors.between(T0, T0 + 10)).toHaveLength(3);
    const claim = await pg.confirmations.claim(token, { to: "executing", by: alice, place: { platform: "slack", channel: "C1" }, at: T0 + 5 });
    expect(claim.kind).toBe("claimed");
  });

  it("runs once: a second run, or two at the same moment, copy nothing more", async () => {
    const { dataFile } = await embeddedWithEverything();
    const url = await freshDatabase();
    const [a, b] = [await openPgStore(url, { audit }), await openPgStore(url, { audit })];
    opened.push(a, b);
    const both = await Promise.all([importEmbedded(a.pool, dataFile, T0), importEmbedded(b.pool, dataFile, T0)]);
    expect(both.map((r) => r.kind).sort()).toEqual(["already", "imported"]);
    const again = await importEmbedded(a.pool, dataFile, T0 + 60_000);
    expect(again).toMatchObject({ kind: "already", at: T0, counts: { audit: 12 } });
    expect(await a.audit.recent(100)).toHaveLength(12);
  });

  it("an empty or absent data folder imports nothing, and is marked done", async () => {
    const pg = await openPgStore(await freshDatabase(), { audit });
    opened.push(pg);
    const result = await importEmbedded(pg.pool, join(await tempDir(), "mailbrake.json"), T0);
    expect(result).toEqual({ kind: "imported", counts: { confirmations: 0, holds: 0, follows: 0, jobs: 0, posts: 0, audit: 0, errors: 0 } });
  });
});
