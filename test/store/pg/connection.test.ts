// Bad database settings say what is wrong in one line, never with the password; a server
// that cannot be reached is retried with backoff; every statement has a deadline.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { checkReachable, describeUrl, isPostgresUrl, openPool } from "../../../src/store/pg/connection.ts";
import { freshDatabase, withPassword } from "../../helpers/pg.ts";

const noSleep = { attempts: 4, baseMs: 500, sleep: async () => undefined };

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

describe("database connection", () => {
  it("tells a PostgreSQL URL from a malformed one", () => {
    expect(isPostgresUrl("postgres://mb:secret@db.internal:5432/mailbrake")).toBe(true);
    expect(isPostgresUrl("postgresql://db/mailbrake")).toBe(true);
    expect(isPostgresUrl("mysql://db/mailbrake")).toBe(false);
    expect(isPostgresUrl("postgres://db.internal:5432")).toBe(false);
    expect(isPostgresUrl("not a url")).toBe(false);
    expect(describeUrl("postgres://mb:secret@db.internal/mailbrake")).toBe("mb@db.internal:5432/mailbrake");
  });

  it("refuses a wrong password in one line naming the server, not the password, without retrying", async () => {
    const url = withPassword(await freshDatabase(), "not-the-password");
    const pool = openPool(url);
    const waits: string[] = [];
    try {
      const error = await checkReachable(pool, url, { ...noSleep, onRetry: (line) => waits.push(line) }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/^PostgreSQL mailbrake@127\.0\.0\.1:\d+\/mb_test_\w+ refused the credentials of DATABASE_URL/);
      expect((error as Error).message).not.toContain("not-the-password");
      expect((error as Error).message.split("\n")).toHaveLength(1);
      expect(waits).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it("retries an unreachable server with growing waits, then names it", async () => {
    const url = `postgres://mb:secret@127.0.0.1:${await closedPort()}/mailbrake`;
    const pool = openPool(url);
    const waits: number[] = [];
    const lines: string[] = [];
    try {
      const error = await checkReachable(pool, url, {
        attempts: 4,
        baseMs: 500,
        sleep: async (ms) => {
          waits.push(ms);
        },
        onRetry: (line) => lines.push(line),
      }).catch((e: Error) => e);
      expect(waits).toEqual([500, 1000, 2000]);
      expect((error as Error).message).toMatch(/^PostgreSQL mb@127\.0\.0\.1:\d+\/mailbrake cannot be reached \(ECONNREFUSED\)$/);
      expect(lines.join("\n")).not.toContain("secret");
    } finally {
      await pool.end();
    }
  });

  it("cancels a statement that waits past the deadline (a locked table cannot hang a command)", async () => {
    const url = await freshDatabase();
    const holder = openPool(url);
    const pool = openPool(url, { statementTimeoutMs: 200 });
    const client = await holder.connect();
    try {
      await client.query("CREATE TABLE mb_locked (id int)");
      await client.query("BEGIN");
      await client.query("LOCK TABLE mb_locked IN ACCESS EXCLUSIVE MODE");
      await expect(pool.query("SELECT * FROM mb_locked")).rejects.toMatchObject({ code: "57014" });
    } finally {
      await client.query("ROLLBACK");
      client.release();
      await Promise.all([holder.end(), pool.end()]);
    }
  });
});
