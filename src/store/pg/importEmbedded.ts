// `mailbrake store import`: copies an embedded store (the lowdb file and the JSONL files beside
// it) into PostgreSQL, once. Everything goes in one transaction with a marker row: a second run
// (or a second replica running it at the same moment) copies nothing; what the database
// already has (a confirmation, a hold, a post key) wins over the file's copy.
import { dirname, join } from "node:path";
import type pg from "pg";
import { readDocument } from "../embedded/documentFile.ts";
import { JsonlFile } from "../embedded/jsonlFile.ts";
import {
  type AuditRecord,
  type CollectedError,
  followKey,
  storeSchemas,
} from "../schema.ts";
import { errorKey } from "./errorKey.ts";

export interface ImportCounts {
  confirmations: number;
  holds: number;
  follows: number;
  jobs: number;
  posts: number;
  audit: number;
  errors: number;
}

export type ImportResult = { kind: "imported"; counts: ImportCounts } | { kind: "already"; at: number; counts: ImportCounts };

const SOURCE = "embedded";
const CHUNK = 5_000;

export async function importEmbedded(pool: pg.Pool, dataFile: string, now: number): Promise<ImportResult> {
  const folder = dirname(dataFile);
  const doc = await readDocument(dataFile);
  const audit = await new JsonlFile<AuditRecord>(join(folder, "audit.jsonl"), () => storeSchemas().auditRecordSchema).readAll();
  const errors = await new JsonlFile<CollectedError>(join(folder, "errors.jsonl"), () => storeSchemas().collectedErrorSchema).readAll();
  const client = await pool.connect();
  try {
    await client.query("SET statement_timeout = 0");
    await client.query("BEGIN");
    // The marker first: a concurrent import waits here, then finds it and copies nothing.
    const marker = await client.query(
      "INSERT INTO mb_imports (source, at, counts) VALUES ($1, $2, '{}') ON CONFLICT (source) DO NOTHING",
      [SOURCE, now],
    );
    if (marker.rowCount !== 1) {
      await client.query("ROLLBACK");
      const { rows } = await client.query<{ at: string; counts: ImportCounts }>("SELECT at, counts FROM mb_imports WHERE source = $1", [SOURCE]);
      return { kind: "already", at: Number(rows[0]?.at ?? 0), counts: rows[0]!.counts };
    }
    const counts: ImportCounts = { confirmations: 0, holds: 0, follows: 0, jobs: 0, posts: 0, audit: 0, errors: 0 };
    const add = async (what: keyof ImportCounts, sql: string, params: unknown[]) => {
      counts[what] += (await client.query(sql, params)).rowCount ?? 0;
    };
    for (const c of Object.values(doc?.confirmations ?? {})) {
      await add(
        "confirmations",
        `INSERT INTO mb_confirmations (token, status, hosting, created_at, expires_at, decided_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (token) DO NOTHING`,
        [c.token, c.status, c.hosting, c.createdAt, c.expiresAt, c.decidedAt ?? null, c],
      );
    }
    for (const [hosting, hold] of Object.entries(doc?.holds ?? {})) {
      await add("holds", "INSERT INTO mb_holds (hosting, body) VALUES ($1, $2) ON CONFLICT (hosting) DO NOTHING", [hosting, hold]);
    }
    for (const follow of Object.values(doc?.follows ?? {})) {
      await add("follows", "INSERT INTO mb_follows (key, body) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [followKey(follow), follow]);
    }
    for (const [job, state] of Object.entries(doc?.jobs ?? {})) {
      await add("jobs", "INSERT INTO mb_job_state (job, body, term) VALUES ($1, $2, 0) ON CONFLICT (job) DO NOTHING", [job, JSON.stringify(state)]);
    }
    for (const [key, entry] of Object.entries(doc?.posts ?? {})) {
      await add(
        "posts",
        "INSERT INTO mb_posts (key, status, at, refs, term) VALUES ($1, $2, $3, $4, 0) ON CONFLICT (key) DO NOTHING",
        [key, entry.status, entry.at, JSON.stringify(entry.refs)],
      );
    }
    for (const [key, d] of Object.entries(doc?.dedupe ?? {})) {
      await client.query("INSERT INTO mb_dedupe (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [key, d.expiresAt]);
    }
    // The audit in file order (ids follow it), before anything the replicas appended since.
    for (let i = 0; i < audit.length; i += CHUNK) {
      await add(
        "audit",
        `INSERT INTO mb_audit (at, hosting, body)
         SELECT (r->>'at')::bigint, r->>'hosting', r FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(r, n) ORDER BY n`,
        [JSON.stringify(audit.slice(i, i + CHUNK))],
      );
    }
    for (let i = 0; i < errors.length; i += CHUNK) {
      const part = errors.slice(i, i + CHUNK);
      await add(
        "errors",
        `INSERT INTO mb_errors (key, at, hosting, recipient, message)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (key) DO NOTHING`,
        [
          part.map(errorKey),
          part.map((e) => e.at),
          part.map((e) => e.hosting),
          part.map((e) => e.to),
          part.map((e) => e.message),
        ],
      );
    }
    await client.query("UPDATE mb_imports SET counts = $2 WHERE source = $1", [SOURCE, counts]);
    await client.query("COMMIT");
    return { kind: "imported", counts };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.query("RESET statement_timeout").catch(() => undefined);
    client.release();
  }
}
