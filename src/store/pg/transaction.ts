// One transaction on a client of its own: committed when `work` resolves, rolled back when it
// throws, the client always returned to the pool.
import type pg from "pg";

/** What one statement runs on: the pool, or a transaction's client. */
export type Queryable = Pick<pg.Pool, "query">;

export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
