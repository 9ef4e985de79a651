// The leader lease against a real PostgreSQL: one holder at a time, a new term at each
// take-over, fenced writes refused once the term is over. Expiry is simulated by moving the
// lease row's deadline into the past (never by waiting).
import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPool } from "../../../src/store/pg/connection.ts";
import { fenced, LeaseLostError, PgLease } from "../../../src/store/pg/lease.ts";
import { migrate } from "../../../src/store/pg/migrate.ts";
import { freshDatabase } from "../../helpers/pg.ts";

const TTL = 15_000;
let a: pg.Pool;
let b: pg.Pool;

beforeEach(async () => {
  const url = await freshDatabase();
  a = openPool(url, { max: 30 });
  b = openPool(url, { max: 30 });
  await migrate(a);
});
afterEach(async () => {
  await Promise.all([a.end(), b.end()]);
});

const expire = (pool: pg.Pool) => pool.query("UPDATE mb_lease SET expires_at = now() - interval '1 second'");
const write = (pool: pg.Pool, term: number, value: string) =>
  fenced(pool, term, (client) =>
    client.query("INSERT INTO mb_dedupe (key, expires_at) VALUES ($1, 0)", [value]),
  );

describe("leader lease", () => {
  it("is held by one replica at a time; another takes it, with a new term, once it expired", async () => {
    const first = new PgLease(a);
    const second = new PgLease(b);
    const lease = await first.acquire("replica-a", TTL);
    expect(lease).toMatchObject({ holder: "replica-a", term: 1 });
    expect(await second.acquire("replica-b", TTL)).toBeUndefined();
    expect((await first.renew(lease!, TTL))?.term).toBe(1);
    expect(await second.current()).toMatchObject({ holder: "replica-a", term: 1 });
    await expire(a);
    expect(await second.current()).toBeUndefined();
    expect((await second.acquire("replica-b", TTL))?.term).toBe(2);
    expect(await first.renew(lease!, TTL)).toBeUndefined();
  });

  it("grants 50 concurrent attempts from two replicas to exactly one", async () => {
    const attempts = Array.from({ length: 50 }, (_, i) => new PgLease(i % 2 ? a : b).acquire(`replica-${i}`, TTL));
    const granted = (await Promise.all(attempts)).filter((t) => t !== undefined);
    expect(granted.map((l) => l.term)).toEqual([1]);
  });

  it("hands over at once when released (a clean shutdown)", async () => {
    const first = new PgLease(a);
    const lease = (await first.acquire("replica-a", TTL))!;
    await first.release(lease);
    expect((await new PgLease(b).acquire("replica-b", TTL))?.term).toBe(lease.term + 1);
  });

  it("refuses a write fenced by an expired or superseded term, and changes nothing", async () => {
    const first = new PgLease(a);
    const term = (await first.acquire("replica-a", TTL))!.term;
    await write(a, term, "written-while-leading");
    await expire(a);
    await expect(write(a, term, "after-expiry")).rejects.toBeInstanceOf(LeaseLostError);
    const next = (await new PgLease(b).acquire("replica-b", TTL))!.term;
    await expect(write(a, term, "after-take-over")).rejects.toBeInstanceOf(LeaseLostError);
    await write(b, next, "new-leader");
    const { rows } = await a.query<{ key: string }>("SELECT key FROM mb_dedupe ORDER BY key");
    expect(rows.map((r) => r.key)).toEqual(["new-leader", "written-while-leading"]);
  });

  it("makes a take-over wait for a fenced write in progress (the write finishes first)", async () => {
    const term = (await new PgLease(a).acquire("replica-a", TTL))!.term;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const writing = fenced(a, term, async (client) => {
      entered();
      await held;
      await client.query("INSERT INTO mb_dedupe (key, expires_at) VALUES ('slow', 0)");
    });
    await inside;
    let tookOver = false;
    const takeOver = b
      .query("UPDATE mb_lease SET holder = 'replica-b', term = term + 1 WHERE name = 'scheduler'")
      .then(() => {
        tookOver = true;
      });
    // The take-over waits on the write's lock (seen by the database itself) and has not gone
    // through while the write is held. (Which of the two answers reaches us first once the
    // write commits is up to the two sockets, so that order is not asserted.)
    const blocked = "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE mb_lease%'";
    while ((await a.query(blocked)).rowCount === 0);
    expect(tookOver).toBe(false);
    release();
    await writing;
    await takeOver;
    expect((await a.query("SELECT holder FROM mb_lease WHERE name = 'scheduler'")).rows).toEqual([{ holder: "replica-b" }]);
    expect((await a.query("SELECT key FROM mb_dedupe")).rows).toEqual([{ key: "slow" }]);
  });
});
