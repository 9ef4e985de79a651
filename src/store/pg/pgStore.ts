// The store port on PostgreSQL: every operation one statement or one short transaction, so
// any number of replicas share it. A claim is a conditional `UPDATE … RETURNING`, a post sent
// once an `INSERT … ON CONFLICT`, retention a `DELETE`. Times are the application's (ms).
// `fencedBy(term)` gives the leader's view: its job writes carry its lease term and are
// refused once another replica leads (see lease.ts).
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type * as z from "../../zod.ts";
import type {
  AuditOps,
  ClaimRequest,
  ClaimResult,
  CollectedErrorOps,
  ConfirmationOps,
  DedupeOps,
  FollowOps,
  HoldOps,
  JobStateOps,
  NewConfirmation,
  PostClaim,
  PostLedgerOps,
  StorePort,
} from "../port.ts";
import type { Retention } from "../retention.ts";
import {
  type AuditRecord,
  type Confirmation,
  type Follow,
  followKey,
  type Hold,
  type MessageRef,
  type PostEntry,
} from "../schema.ts";
import { guardPool } from "./connection.ts";
import { fenced, PgLease } from "./lease.ts";
import { pgErrorOps } from "./pgErrors.ts";
import { inTransaction, type Queryable } from "./transaction.ts";

/** Decided confirmations are kept this long so late clicks learn who decided (as embedded). */
const KEEP_DECIDED_MS = 7 * 24 * 3_600_000;

export interface PgStoreOptions {
  audit: Retention;
}

export class PgStore implements StorePort {
  readonly kind = "postgres";
  readonly lease: PgLease;
  /** The pool, with "database not available" turned into the user's "store unavailable". */
  private readonly db: pg.Pool;
  /** Inserts of `audit.appendLater` under way, and records whose insert failed (kept for the next). */
  private laterInserts: Promise<void> = Promise.resolve();
  private readonly laterFailed: AuditRecord[] = [];
  /** Appends before the audit's count bound is next checked (shared by the fenced views). */
  private readonly auditCheck: { left: number };
  readonly errors: CollectedErrorOps;

  constructor(
    readonly pool: pg.Pool,
    private readonly options: PgStoreOptions,
    /** The leader's term: job writes are fenced by it. */
    readonly term?: number,
    auditCheck?: { left: number },
  ) {
    this.db = guardPool(pool);
    this.lease = new PgLease(this.db);
    this.auditCheck = auditCheck ?? { left: 0 };
    this.errors = pgErrorOps(this.db, (write) => this.jobWrite(write));
  }

  /** The same store, with every job write fenced by the leader's `term`. */
  fencedBy(term: number): PgStore {
    return new PgStore(this.pool, this.options, term, this.auditCheck);
  }

  /** The pool is the caller's (it opened it); closing the store ends it. */
  async close(): Promise<void> {
    await this.laterWritten().catch(() => undefined);
    if (this.term === undefined) await this.db.end();
  }

  /** A job write: fenced by the term when this is the leader's view. */
  private jobWrite<T>(write: (q: Queryable) => Promise<T>): Promise<T> {
    if (this.term === undefined) return write(this.db);
    return fenced(this.db, this.term, write);
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }

  readonly confirmations: ConfirmationOps = {
    create: (fields: NewConfirmation) =>
      this.transaction(async (client) => {
        const { requester } = fields;
        if (requester) {
          await client.query(
            `DELETE FROM mb_confirmations WHERE status = 'pending' AND hosting = $1
               AND body->>'mutation' = $2 AND body->'requester'->>'platform' = $3 AND body->'requester'->>'id' = $4
               AND body->>'channel' = $5`,
            [fields.hosting, fields.mutation, requester.platform, requester.id, fields.channel],
          );
        }
        await pruneDecided(client, fields.createdAt - KEEP_DECIDED_MS);
        const confirmation: Confirmation = { ...fields, token: randomBytes(16).toString("base64url"), status: "pending" };
        await client.query(
          `INSERT INTO mb_confirmations (token, status, hosting, created_at, expires_at, body)
           VALUES ($1, 'pending', $2, $3, $4, $5)`,
          [confirmation.token, confirmation.hosting, confirmation.createdAt, confirmation.expiresAt, confirmation],
        );
        return confirmation;
      }),

    get: async (token: string) => {
      const { rows } = await this.db.query<{ body: Confirmation }>("SELECT body FROM mb_confirmations WHERE token = $1", [token]);
      return rows[0]?.body;
    },

    claim: async (token: string, request: ClaimRequest): Promise<ClaimResult> => {
      const decided: Partial<Confirmation> = {
        status: request.to,
        decidedBy: request.by,
        decidedAt: request.at,
        decidedIn: request.place,
        ...(request.to === "executing" && request.executor ? { executor: request.executor } : {}),
      };
      const expired: Partial<Confirmation> = { status: "expired", decidedAt: request.at };
      // One statement: the first claim of a pending confirmation wins; an expired one is
      // recorded as such by the first claim that finds it so.
      const { rows } = await this.db.query<{ body: Confirmation }>(
        `UPDATE mb_confirmations
           SET status = CASE WHEN $2 > expires_at THEN 'expired' ELSE $3 END,
               decided_at = $2,
               body = body || CASE WHEN $2 > expires_at THEN $4::jsonb ELSE $5::jsonb END
         WHERE token = $1 AND status = 'pending'
         RETURNING body`,
        [token, request.at, request.to, expired, decided],
      );
      const won = rows[0]?.body;
      if (won) return won.status === "expired" ? { kind: "expired", confirmation: won } : { kind: "claimed", confirmation: won };
      const current = await this.confirmations.get(token);
      return current ? { kind: "decided", confirmation: current } : { kind: "unknown" };
    },

    expire: async (token: string, at: number) => {
      const { rowCount } = await this.db.query(
        `UPDATE mb_confirmations SET status = 'expired', decided_at = $2, body = body || $3::jsonb
         WHERE token = $1 AND status = 'pending'`,
        [token, at, { status: "expired", decidedAt: at }],
      );
      return rowCount === 1;
    },

    finish: (token, status, audit, at) =>
      this.transaction(async (client) => {
        const { rowCount } = await client.query(
          `UPDATE mb_confirmations SET status = $2, body = body || $3::jsonb
           WHERE token = $1 AND status = 'executing'`,
          [token, status, { status }],
        );
        if (rowCount !== 1) return undefined;
        await this.insertAudit(client, { at, ...audit, confirmation: token });
        return status;
      }),

    executing: async () => {
      const { rows } = await this.db.query<{ body: Confirmation }>(
        "SELECT body FROM mb_confirmations WHERE status = 'executing' ORDER BY created_at",
      );
      return rows.map((r) => r.body);
    },

    all: async () => {
      const { rows } = await this.db.query<{ body: Confirmation }>("SELECT body FROM mb_confirmations ORDER BY created_at");
      return rows.map((r) => r.body);
    },

    prune: (before: number) => this.jobWrite((q) => pruneDecided(q, before)),
  };

  readonly holds: HoldOps = {
    all: async () => {
      const { rows } = await this.db.query<{ hosting: string; body: Hold }>("SELECT hosting, body FROM mb_holds ORDER BY hosting");
      return Object.fromEntries(rows.map((r) => [r.hosting, r.body]));
    },
    get: async (hosting: string) => {
      const { rows } = await this.db.query<{ body: Hold }>("SELECT body FROM mb_holds WHERE hosting = $1", [hosting]);
      return rows[0]?.body;
    },
    record: async (hosting: string, hold: Hold) => {
      await this.db.query(
        "INSERT INTO mb_holds (hosting, body) VALUES ($1, $2) ON CONFLICT (hosting) DO UPDATE SET body = EXCLUDED.body",
        [hosting, hold],
      );
    },
    observe: (hosting: string, stopped: boolean, now: number) =>
      this.jobWrite(async (q) => {
        if (!stopped) {
          await q.query("DELETE FROM mb_holds WHERE hosting = $1", [hosting]);
          return undefined;
        }
        // A hold already kept stays (the no-op update returns it); a new one starts now.
        const { rows } = await q.query<{ body: Hold }>(
          `INSERT INTO mb_holds (hosting, body) VALUES ($1, $2)
           ON CONFLICT (hosting) DO UPDATE SET hosting = mb_holds.hosting
           RETURNING body`,
          [hosting, { since: now, exact: false }],
        );
        return rows[0]?.body;
      }),
  };

  readonly follows: FollowOps = {
    all: async () => {
      const { rows } = await this.db.query<{ body: Follow }>("SELECT body FROM mb_follows ORDER BY key");
      return rows.map((r) => r.body);
    },
    add: async (follow: Follow) => {
      await this.db.query(
        "INSERT INTO mb_follows (key, body) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body",
        [followKey(follow), follow],
      );
    },
    remove: (key: string) =>
      this.jobWrite(async (q) => {
        const { rowCount } = await q.query("DELETE FROM mb_follows WHERE key = $1", [key]);
        return rowCount === 1;
      }),
  };

  readonly jobs: JobStateOps = {
    read: async <S extends z.ZodMiniType>(job: string, schema: S, initial: () => z.infer<S>): Promise<z.infer<S>> => {
      const { rows } = await this.db.query<{ body: unknown }>("SELECT body FROM mb_job_state WHERE job = $1", [job]);
      const parsed = schema.safeParse(rows[0]?.body);
      return parsed.success ? parsed.data : initial();
    },
    write: async <S extends z.ZodMiniType>(job: string, schema: S, value: z.infer<S>): Promise<void> => {
      const body = schema.parse(value);
      await this.jobWrite((q) =>
        q.query(
          `INSERT INTO mb_job_state (job, body, term) VALUES ($1, $2, $3)
           ON CONFLICT (job) DO UPDATE SET body = EXCLUDED.body, term = EXCLUDED.term`,
          [job, JSON.stringify(body), this.term ?? 0],
        ),
      );
    },
  };

  readonly posts: PostLedgerOps = {
    get: async (key: string) => {
      const { rows } = await this.db.query<PostRow>("SELECT status, at, refs FROM mb_posts WHERE key = $1", [key]);
      return rows[0] ? toEntry(rows[0]) : undefined;
    },
    claim: (key: string, at: number) =>
      this.jobWrite(async (q): Promise<PostClaim> => {
        const { rowCount } = await q.query(
          `INSERT INTO mb_posts (key, status, at, refs, term) VALUES ($1, 'sending', $2, '[]', $3)
           ON CONFLICT (key) DO UPDATE SET status = 'sending', at = EXCLUDED.at, refs = '[]', term = EXCLUDED.term
             WHERE mb_posts.status NOT IN ('sent', 'skipped')`,
          [key, at, this.term ?? 0],
        );
        if (rowCount === 1) return { kind: "claimed" };
        const { rows } = await q.query<PostRow>("SELECT status, at, refs FROM mb_posts WHERE key = $1", [key]);
        return { kind: "done", entry: toEntry(rows[0]!) };
      }),
    markSent: (key: string, refs: MessageRef[], at: number) =>
      this.jobWrite(async (q) => {
        await q.query(
          `INSERT INTO mb_posts (key, status, at, refs, term) VALUES ($1, 'sent', $2, $3, $4)
           ON CONFLICT (key) DO UPDATE SET status = 'sent', at = EXCLUDED.at, refs = EXCLUDED.refs, term = EXCLUDED.term`,
          [key, at, JSON.stringify(refs), this.term ?? 0],
        );
      }),
    markFailed: (key: string, at: number) =>
      this.jobWrite(async (q) => {
        await q.query(
          `INSERT INTO mb_posts (key, status, at, refs, term) VALUES ($1, 'failed', $2, '[]', $3)
           ON CONFLICT (key) DO UPDATE SET status = 'failed', at = EXCLUDED.at, refs = '[]', term = EXCLUDED.term
             WHERE mb_posts.status NOT IN ('sent', 'skipped')`,
          [key, at, this.term ?? 0],
        );
      }),
    skip: (key: string, at: number) =>
      this.jobWrite(async (q) => {
        const { rowCount } = await q.query(
          `INSERT INTO mb_posts (key, status, at, refs, term) VALUES ($1, 'skipped', $2, '[]', $3)
           ON CONFLICT (key) DO UPDATE SET status = 'skipped', at = EXCLUDED.at, refs = '[]', term = EXCLUDED.term
             WHERE mb_posts.status NOT IN ('sent', 'skipped')`,
          [key, at, this.term ?? 0],
        );
        return rowCount === 1;
      }),
    prune: (before: number) =>
      this.jobWrite(async (q) => (await q.query("DELETE FROM mb_posts WHERE at < $1", [before])).rowCount ?? 0),
  };

  readonly audit: AuditOps = {
    append: async (record: AuditRecord) => {
      await this.laterWritten();
      await this.insertAudit(this.db, record);
    },
    appendLater: (record: AuditRecord) => {
      // One after the other, so that they keep their order.
      this.laterInserts = this.laterInserts
        .then(() => this.insertAudit(this.db, record))
        .catch(() => {
          this.laterFailed.push(record);
        });
    },
    recent: async (limit: number, hosting?: string) => {
      await this.laterWritten();
      const { rows } = hosting === undefined
        ? await this.db.query<{ body: AuditRecord }>("SELECT body FROM mb_audit ORDER BY id DESC LIMIT $1", [limit])
        : await this.db.query<{ body: AuditRecord }>(
            "SELECT body FROM mb_audit WHERE hosting = $2 ORDER BY id DESC LIMIT $1",
            [limit, hosting],
          );
      return rows.map((r) => r.body);
    },
    prune: (now: number) =>
      this.jobWrite(async (q) => {
        const old = await q.query("DELETE FROM mb_audit WHERE at < $1", [now - this.options.audit.maxAgeMs]);
        return (old.rowCount ?? 0) + (await this.trimAudit(q));
      }),
  };

  /** Records appended later: their inserts settle, and those that failed are tried again. */
  private async laterWritten(): Promise<void> {
    await this.laterInserts;
    const failed = this.laterFailed.splice(0);
    for (const [i, record] of failed.entries()) {
      await this.insertAudit(this.db, record).catch((error: unknown) => {
        this.laterFailed.unshift(...failed.slice(i));
        throw error;
      });
    }
  }

  /** Appends a record; now and then (by count) drops what is past the count bound. */
  private async insertAudit(q: Queryable, record: AuditRecord): Promise<void> {
    await q.query("INSERT INTO mb_audit (at, hosting, body) VALUES ($1, $2, $3)", [record.at, record.hosting ?? null, record]);
    this.auditCheck.left -= 1;
    if (this.auditCheck.left <= 0) {
      this.auditCheck.left = Math.max(1, Math.floor(this.options.audit.maxRecords / 20));
      await this.trimAudit(q);
    }
  }

  private async trimAudit(q: Queryable): Promise<number> {
    const { rowCount } = await q.query(
      `DELETE FROM mb_audit WHERE id <= (SELECT id FROM mb_audit ORDER BY id DESC OFFSET $1 LIMIT 1)`,
      [this.options.audit.maxRecords],
    );
    return rowCount ?? 0;
  }

  private dedupeClaims = 0;

  readonly dedupe: DedupeOps = {
    claim: async (key: string, now: number, ttlMs: number) => {
      if (++this.dedupeClaims % 100 === 0) await this.db.query("DELETE FROM mb_dedupe WHERE expires_at <= $1", [now]);
      const { rowCount } = await this.db.query(
        `INSERT INTO mb_dedupe (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE mb_dedupe.expires_at <= $3`,
        [key, now + ttlMs, now],
      );
      return rowCount === 1;
    },
  };
}

type PostRow = { status: PostEntry["status"]; at: string; refs: MessageRef[] };
const toEntry = (row: PostRow): PostEntry => ({ status: row.status, at: Number(row.at), refs: row.refs });

/** Forgets confirmations decided before `before`, and pending ones expired before it. */
async function pruneDecided(q: Queryable, before: number): Promise<number> {
  const { rowCount } = await q.query(
    `DELETE FROM mb_confirmations
     WHERE (status = 'pending' AND expires_at < $1)
        OR (status NOT IN ('pending', 'executing') AND coalesce(decided_at, expires_at) < $1)`,
    [before],
  );
  return rowCount ?? 0;
}
