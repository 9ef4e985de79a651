// Applies the numbered migrations at start-up, once, whatever the number of replicas starting
// at the same moment: one session-level advisory lock serialises them, each migration runs in
// its own transaction with its row in `mb_migrations`. A database moved on by newer code
// (a `minCode` above what this code knows) is refused with a clear message and left untouched.
import type pg from "pg";
import { StoreError } from "../../errors.ts";
import { CODE_VERSION, MIGRATIONS, type Migration } from "./migrations.ts";

/** pg_advisory_lock key: "mailbrake migrations" (any constant shared by every replica). */
const LOCK_KEY = 7_263_514_001;

export interface SchemaState {
  /** Versions applied by this call. */
  applied: number[];
  /** The newest version in the database now. */
  version: number;
  /** The oldest code the database accepts. */
  minCode: number;
}

export async function migrate(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
  codeVersion: number = CODE_VERSION,
): Promise<SchemaState> {
  const client = await pool.connect();
  try {
    // No statement timeout here: waiting for another replica's migration is expected.
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      return await migrateLocked(client, migrations, codeVersion);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.query("RESET statement_timeout").catch(() => undefined);
    client.release();
  }
}

async function migrateLocked(client: pg.PoolClient, migrations: readonly Migration[], codeVersion: number): Promise<SchemaState> {
  await client.query(`CREATE TABLE IF NOT EXISTS mb_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    min_code integer NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const state = await readSchema(client);
  refuseIfAhead(state, codeVersion);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version > codeVersion || state.versions.has(migration.version)) continue;
    await client.query("BEGIN");
    try {
      await client.query(migration.sql);
      await client.query("INSERT INTO mb_migrations (version, name, min_code) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        migration.minCode,
      ]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw new StoreError(`Database migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
    }
    applied.push(migration.version);
  }
  const after = await readSchema(client);
  return { applied, version: after.version, minCode: after.minCode };
}

async function readSchema(client: pg.PoolClient): Promise<{ versions: Set<number>; version: number; minCode: number }> {
  const { rows } = await client.query<{ version: number; min_code: number }>("SELECT version, min_code FROM mb_migrations");
  return {
    versions: new Set(rows.map((r) => r.version)),
    version: rows.reduce((max, r) => Math.max(max, r.version), 0),
    minCode: rows.reduce((max, r) => Math.max(max, r.min_code), 0),
  };
}

function refuseIfAhead(state: { version: number; minCode: number }, codeVersion: number): void {
  if (state.minCode > codeVersion) {
    throw new StoreError(
      `The database was moved on by a newer mailbrake (schema ${state.version}, needs code of schema ${state.minCode} or newer; this one knows schema ${codeVersion}). Upgrade mailbrake; the database was left untouched.`,
    );
  }
}

/** The schema as seen without changing anything (for `doctor`). */
export async function schemaStatus(pool: pg.Pool): Promise<{ version: number; minCode: number } | undefined> {
  const exists = await pool.query<{ name: string | null }>("SELECT to_regclass('mb_migrations') AS name");
  if (!exists.rows[0]?.name) return undefined;
  const { rows } = await pool.query<{ version: number | null; min_code: number | null }>(
    "SELECT max(version) AS version, max(min_code) AS min_code FROM mb_migrations",
  );
  return { version: rows[0]?.version ?? 0, minCode: rows[0]?.min_code ?? 0 };
}
