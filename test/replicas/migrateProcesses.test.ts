// Real processes starting together on a new database apply each migration once; a database
// a newer mailbrake moved on is refused with one clear line and left untouched.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/pg/migrations.ts";
import { runCli } from "../helpers/cli.ts";
import { freshDatabase } from "../helpers/pg.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const tempDir = useTempDir();

describe("migrations across processes", () => {
  it("four processes starting at once on a new database: all work, each migration applied once; a newer database is refused", { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const runs = await Promise.all(
      Array.from({ length: 4 }, async () => runCli(["status", "all"], { dataDir: await tempDir(), env: { DATABASE_URL: url } })),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      expect((await db.query("SELECT version FROM mb_migrations")).rows).toHaveLength(MIGRATIONS.length);
      await db.query("INSERT INTO mb_migrations (version, name, min_code) VALUES (99, 'from the future', 99)");
      const refused = await runCli(["status", "all"], { dataDir: await tempDir(), env: { DATABASE_URL: url } });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^mailbrake: The database was moved on by a newer mailbrake \(schema 99, needs code of schema 99 or newer; this one knows schema \d+\)\. Upgrade mailbrake; the database was left untouched\.\n$/);
      expect((await db.query("SELECT version FROM mb_migrations")).rows).toHaveLength(MIGRATIONS.length + 1);
    } finally {
      await db.end();
    }
  });
});
