// `mailbrake doctor` with DATABASE_URL: the database checked after the provider.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.ts";
import { freshDatabase, withPassword } from "../../helpers/pg.ts";
import { useTempDir } from "../../helpers/tempDir.ts";

const tempDir = useTempDir();

describe("mailbrake doctor with a database", () => {
  it("says it is reachable, its schema, and who leads; a new database is created at the first start", async () => {
    const dataDir = await tempDir();
    const url = await freshDatabase();
    const empty = await runCli(["doctor"], { dataDir, env: { DATABASE_URL: url } });
    // 2: no OVHcloud credentials, so the provider could not be checked (issue #17).
    expect(empty.code).toBe(2);
    expect(empty.stdout).toMatch(/Database: PostgreSQL mailbrake@127\.0\.0\.1:\d+\/mb_test_\w+\n✔ reachable, credentials accepted\n– no mailbrake tables yet/);
    expect((await runCli(["status"], { dataDir, env: { DATABASE_URL: url } })).code).toBe(0);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query("INSERT INTO mb_lease (name, holder, term, expires_at) VALUES ('scheduler', 'web-1/42/abc', 7, now() + interval '15 seconds')");
    await db.end();
    const led = await runCli(["doctor"], { dataDir, env: { DATABASE_URL: url } });
    expect(led.code).toBe(2);
    expect(led.stdout).toMatch(/✔ schema 1 \(this mailbrake knows 1\)\n✔ scheduled work led by web-1\/42\/abc \(term 7, \d+ s left on the lease\)/);
  });

  it("a refused password fails the check in one line, never showing it", async () => {
    const run = await runCli(["doctor"], { dataDir: await tempDir(), env: { DATABASE_URL: withPassword(await freshDatabase(), "hunter2") } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✘ PostgreSQL mailbrake@127\.0\.0\.1:\d+\/mb_test_\w+ refused the credentials of DATABASE_URL/);
    expect(run.stdout + run.stderr).not.toContain("hunter2");
  });
});
