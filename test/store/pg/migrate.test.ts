// Migrations: applied once whatever the number of replicas starting together; a database
// moved on by newer code is refused and left untouched; an older replica keeps running on a
// database a newer one only expanded (rolling deploys).
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../../src/store/pg/migrate.ts";
import { CODE_VERSION, type Migration, MIGRATIONS } from "../../../src/store/pg/migrations.ts";
import { openPool } from "../../../src/store/pg/connection.ts";
import { freshDatabase } from "../../helpers/pg.ts";

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
const poolOf = (url: string) => {
  const pool = openPool(url);
  pools.push(pool);
  return pool;
};

describe("migrations", () => {
  it("creates every mb_ table on an empty database, and a second start applies nothing", async () => {
    const pool = poolOf(await freshDatabase());
    const first = await migrate(pool);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.version).toBe(CODE_VERSION);
    const { rows } = await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(rows.map((r) => r.tablename).every((t) => t.startsWith("mb_"))).toBe(true);
    expect(rows.map((r) => r.tablename)).toContain("mb_lease");
    expect((await migrate(pool)).applied).toEqual([]);
  });

  it("applies each migration once when several replicas start at the same moment", async () => {
    const url = await freshDatabase();
    const replicas = Array.from({ length: 6 }, () => poolOf(url));
    const results = await Promise.all(replicas.map((pool) => migrate(pool)));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
    const { rows } = await replicas[0]!.query("SELECT version FROM mb_migrations");
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  const later: Migration = { version: CODE_VERSION + 1, name: "a later expansion", minCode: CODE_VERSION, sql: "CREATE TABLE mb_later (id int)" };
  const contract: Migration = { version: CODE_VERSION + 2, name: "a later contraction", minCode: CODE_VERSION + 2, sql: "DROP TABLE mb_later" };

  it("lets older code run on a database a newer replica only expanded", async () => {
    const pool = poolOf(await freshDatabase());
    await migrate(pool, [...MIGRATIONS, later], CODE_VERSION + 1);
    const old = await migrate(pool);
    expect(old).toMatchObject({ applied: [], version: CODE_VERSION + 1, minCode: CODE_VERSION });
  });

  it("refuses, with a clear message, a database a newer replica contracted, and changes nothing", async () => {
    const pool = poolOf(await freshDatabase());
    await migrate(pool, [...MIGRATIONS, later, contract], CODE_VERSION + 2);
    await expect(migrate(pool)).rejects.toThrow(
      new RegExp(`moved on by a newer mailbrake \\(schema ${CODE_VERSION + 2}, needs code of schema ${CODE_VERSION + 2} or newer; this one knows schema ${CODE_VERSION}\\)`),
    );
    const { rows } = await pool.query("SELECT version FROM mb_migrations");
    expect(rows).toHaveLength(MIGRATIONS.length + 2);
  });

  it("rolls a failing migration back whole and names it", async () => {
    const pool = poolOf(await freshDatabase());
    const broken: Migration = { version: CODE_VERSION + 1, name: "broken", minCode: 1, sql: "CREATE TABLE mb_half (id int); SELECT nonsense FROM nowhere" };
    await expect(migrate(pool, [...MIGRATIONS, broken], CODE_VERSION + 1)).rejects.toThrow(/migration .* \(broken\) failed/);
    const half = await pool.query("SELECT to_regclass('mb_half') AS t");
    expect(half.rows[0].t).toBeNull();
    expect((await pool.query("SELECT version FROM mb_migrations")).rows).toHaveLength(MIGRATIONS.length);
  });
});
