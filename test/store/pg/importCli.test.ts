// `npx mailbrake store import` as an operator runs it: a one-shot block in the embedded store,
// then the import into PostgreSQL, then again; bad database settings in one line.
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.ts";
import { freshDatabase, withPassword } from "../../helpers/pg.ts";
import { useTempDir } from "../../helpers/tempDir.ts";

const tempDir = useTempDir();

describe("mailbrake store import", () => {
  it("copies a data folder once; a second run says when it was done and copies nothing", async () => {
    const dataDir = await tempDir();
    const blocked = await runCli(["block", "boulangerie-martin.fr", "testing", "--yes"], { dataDir });
    expect(blocked.code).toBe(0);
    const env = { DATABASE_URL: await freshDatabase() };
    const first = await runCli(["store", "import"], { dataDir, env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Copied into PostgreSQL — confirmations: 1, holds: 1, .* audit records: [1-9]\d*, collected errors: 0\.\n$/);
    const second = await runCli(["store", "import"], { dataDir, env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^The data folder was already imported on \d{4}-\d\d-\d\d \d\d:\d\d UTC; nothing was copied\.\n$/);
  });

  it("without DATABASE_URL, says what to set", async () => {
    const run = await runCli(["store", "import"], { dataDir: await tempDir() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("Set DATABASE_URL to the PostgreSQL database to import into.\n");
  });

  it("a malformed DATABASE_URL or a wrong password: one line, never the password", async () => {
    const dataDir = await tempDir();
    const malformed = await runCli(["store", "import"], { dataDir, env: { DATABASE_URL: "mysql://u:hunter2@db/x" } });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("DATABASE_URL: a PostgreSQL URL such as postgres://");
    expect(malformed.stderr).not.toContain("hunter2");
    const wrong = await runCli(["store", "import"], { dataDir, env: { DATABASE_URL: withPassword(await freshDatabase(), "hunter2") } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^mailbrake: PostgreSQL mailbrake@127\.0\.0\.1:\d+\/mb_test_\w+ refused the credentials of DATABASE_URL \(wrong user or password\)\n$/);
  });
});
