// The leader lease in PostgreSQL: one row per lease, timed by the database's clock (the only
// place where `now()` of the database is used), so replicas' clocks need not agree. Each grant
// gets the next term number; a job write is fenced by its term (`fenced`), so a leader that was
// paused past its lease cannot write after another replica took over.
import type pg from "pg";
import type { Lease, LeaseOps } from "../port.ts";
import { inTransaction } from "./transaction.ts";

/** The lease of the scheduled work (one per deployment). */
export const LEASE_NAME = "scheduler";

export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
  constructor(readonly term: number) {
    super(`the leader lease of term ${term} is no longer held: the write was refused`);
  }
}

export interface LeaseHolder {
  holder: string;
  term: number;
  /** Milliseconds left by the database's clock. */
  remainingMs: number;
}

const GRANT = "holder, term, (extract(epoch FROM expires_at) * 1000)::bigint AS expires";
type GrantRow = { holder: string; term: string; expires: string };
const toLease = (row: GrantRow | undefined): Lease | undefined =>
  row ? { holder: row.holder, term: Number(row.term), expiresAt: Number(row.expires) } : undefined;

export class PgLease implements LeaseOps {
  constructor(
    private readonly pool: pg.Pool,
    readonly name = LEASE_NAME,
  ) {}

  /** A new term for `holder` when the lease is free or expired; undefined while another holds it. */
  async acquire(holder: string, ttlMs: number): Promise<Lease | undefined> {
    const { rows } = await this.pool.query<GrantRow>(
      `INSERT INTO mb_lease (name, holder, term, expires_at)
       VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE
         SET holder = EXCLUDED.holder, term = mb_lease.term + 1, expires_at = EXCLUDED.expires_at
         WHERE mb_lease.holder IS NULL OR mb_lease.expires_at <= now()
       RETURNING ${GRANT}`,
      [this.name, holder, ttlMs],
    );
    return toLease(rows[0]);
  }

  /** Extends the lease; undefined when it expired or another replica holds it now. */
  async renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
    const { rows } = await this.pool.query<GrantRow>(
      `UPDATE mb_lease SET expires_at = now() + $4 * interval '1 millisecond'
       WHERE name = $1 AND holder = $2 AND term = $3 AND expires_at > now()
       RETURNING ${GRANT}`,
      [this.name, lease.holder, lease.term, ttlMs],
    );
    return toLease(rows[0]);
  }

  /** Gives the lease up at once (a clean shutdown hands it over to the next replica). */
  async release(lease: Lease): Promise<void> {
    await this.pool.query(
      "UPDATE mb_lease SET holder = NULL, expires_at = now() WHERE name = $1 AND holder = $2 AND term = $3",
      [this.name, lease.holder, lease.term],
    );
  }

  /** Who holds the lease (for `/healthz` and `doctor`), if anyone. */
  async current(): Promise<LeaseHolder | undefined> {
    const { rows } = await this.pool.query<{ holder: string | null; term: string; remaining: number }>(
      `SELECT holder, term, extract(epoch FROM expires_at - now()) * 1000 AS remaining
       FROM mb_lease WHERE name = $1`,
      [this.name],
    );
    const row = rows[0];
    if (!row?.holder || row.remaining <= 0) return undefined;
    return { holder: row.holder, term: Number(row.term), remainingMs: Math.round(row.remaining) };
  }
}

/**
 * Runs `write` in a transaction that first checks, and holds until commit, the lease of
 * `term` (a shared row lock: a take-over waits for the write to finish, and a write after a
 * take-over or after expiry is refused with LeaseLostError and changes nothing).
 */
export async function fenced<T>(
  pool: pg.Pool,
  term: number,
  write: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      "SELECT 1 FROM mb_lease WHERE name = $1 AND term = $2 AND expires_at > now() FOR SHARE",
      [LEASE_NAME, term],
    );
    if (rowCount !== 1) throw new LeaseLostError(term);
    return write(client);
  });
}
