// The database's schema, as numbered migrations applied in order at start-up (migrate.ts).
//
// Rolling deploys: a migration only expands (new tables, new nullable columns, new indexes)
// so that the code one version older still runs on it; removing or changing what older code
// uses is a later "contract" migration that raises `minCode` to the first code that no longer
// needs it. A replica whose newest migration is below a database's highest `minCode` refuses
// to start. Never edit a migration once released: add the next one.
//
// Times are written by the application's clock, in milliseconds (`bigint`), so the sandbox's
// simulated clock applies; only the lease is timed by the database's `now()`.

export interface Migration {
  version: number;
  name: string;
  /** The oldest code (its newest migration's version) that can still run once this is applied. */
  minCode: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "the store's tables",
    minCode: 1,
    sql: `
      CREATE TABLE mb_confirmations (
        token text PRIMARY KEY,
        status text NOT NULL,
        hosting text NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        decided_at bigint,
        body jsonb NOT NULL
      );
      CREATE INDEX mb_confirmations_status ON mb_confirmations (status, expires_at);
      CREATE TABLE mb_holds (hosting text PRIMARY KEY, body jsonb NOT NULL);
      CREATE TABLE mb_follows (key text PRIMARY KEY, body jsonb NOT NULL);
      CREATE TABLE mb_job_state (
        job text PRIMARY KEY,
        body jsonb NOT NULL,
        term bigint NOT NULL
      );
      CREATE TABLE mb_posts (
        key text PRIMARY KEY,
        status text NOT NULL,
        at bigint NOT NULL,
        refs jsonb NOT NULL DEFAULT '[]',
        term bigint NOT NULL
      );
      CREATE INDEX mb_posts_at ON mb_posts (at);
      CREATE TABLE mb_audit (
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        hosting text,
        body jsonb NOT NULL
      );
      CREATE INDEX mb_audit_at ON mb_audit (at);
      CREATE INDEX mb_audit_hosting ON mb_audit (hosting, id);
      CREATE TABLE mb_errors (
        key text PRIMARY KEY,
        id bigserial NOT NULL,
        at bigint NOT NULL,
        hosting text NOT NULL,
        recipient text NOT NULL,
        message text NOT NULL
      );
      CREATE INDEX mb_errors_at ON mb_errors (at, id);
      CREATE TABLE mb_dedupe (key text PRIMARY KEY, expires_at bigint NOT NULL);
      CREATE INDEX mb_dedupe_expires ON mb_dedupe (expires_at);
      CREATE TABLE mb_imports (
        source text PRIMARY KEY,
        at bigint NOT NULL,
        counts jsonb NOT NULL
      );
      CREATE TABLE mb_lease (
        name text PRIMARY KEY,
        holder text,
        term bigint NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
];

/** The newest migration this code knows. */
export const CODE_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
