// The collected bounce errors on PostgreSQL: appended once per error (its key), read by
// time range, scanned a page at a time for the report, pruned by the leader.
import type pg from "pg";
import type { CollectedErrorOps } from "../port.ts";
import type { CollectedError } from "../schema.ts";
import { errorKey } from "./errorKey.ts";
import type { Queryable } from "./transaction.ts";

/** Errors read a page at a time by `scan`. */
const SCAN_PAGE = 5_000;

/** A job write: fenced by the leader's term when the store is the leader's view. */
type JobWrite = <T>(write: (q: Queryable) => Promise<T>) => Promise<T>;

export function pgErrorOps(db: pg.Pool, jobWrite: JobWrite): CollectedErrorOps {
  return {
    appendMany: async (errors: readonly CollectedError[]) => {
      if (errors.length === 0) return;
      const keys = errors.map(errorKey);
      await jobWrite((q) =>
        q.query(
          `INSERT INTO mb_errors (key, at, hosting, recipient, message)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
           ON CONFLICT (key) DO NOTHING`,
          [
            keys,
            errors.map((e) => e.at),
            errors.map((e) => e.hosting),
            errors.map((e) => e.to),
            errors.map((e) => e.message),
          ],
        ),
      );
    },
    between: async (from: number, to: number, hostings?: ReadonlySet<string>) => {
      const params: unknown[] = [from, to];
      let where = "at >= $1 AND at < $2";
      if (hostings) {
        params.push([...hostings]);
        where += " AND hosting = ANY($3::text[])";
      }
      const { rows } = await db.query<{
        at: string;
        hosting: string;
        recipient: string;
        message: string;
      }>(
        `SELECT at, hosting, recipient, message FROM mb_errors WHERE ${where} ORDER BY at, id`,
        params,
      );
      return rows.map((r) => ({
        at: Number(r.at),
        hosting: r.hosting,
        to: r.recipient,
        message: r.message,
      }));
    },
    scan: async (from, to, hostings, visit) => {
      // Page by page in (at, id) order, so a report over many errors holds one page at a time.
      let after: { at: string; id: string } | undefined;
      for (;;) {
        const params: unknown[] = [from, to];
        let where = "at >= $1 AND at < $2";
        if (hostings) {
          params.push([...hostings]);
          where += ` AND hosting = ANY($${params.length}::text[])`;
        }
        if (after) {
          params.push(after.at, after.id);
          where += ` AND (at, id) > ($${params.length - 1}::bigint, $${params.length}::bigint)`;
        }
        const { rows } = await db.query<{
          id: string;
          at: string;
          hosting: string;
          recipient: string;
          message: string;
        }>(
          `SELECT id, at, hosting, recipient, message FROM mb_errors WHERE ${where} ORDER BY at, id LIMIT ${SCAN_PAGE}`,
          params,
        );
        for (const r of rows)
          visit({ at: Number(r.at), hosting: r.hosting, to: r.recipient, message: r.message });
        const last = rows[rows.length - 1];
        if (!last || rows.length < SCAN_PAGE) return;
        after = { at: last.at, id: last.id };
      }
    },
    prune: (before: number) =>
      jobWrite(
        async (q) => (await q.query("DELETE FROM mb_errors WHERE at < $1", [before])).rowCount ?? 0,
      ),
  };
}
