// Opens the PostgreSQL store from `DATABASE_URL`: checks the server (retrying while it cannot
// be reached), applies the migrations under their lock, and refuses a database moved on by a
// newer mailbrake. Every failure is one line naming what is wrong, never the password.
import { StoreError } from "../../errors.ts";
import type { Retention } from "../retention.ts";
import { checkReachable, describeError, openPool, type RetryOptions } from "./connection.ts";
import { migrate } from "./migrate.ts";
import { PgStore } from "./pgStore.ts";

export interface OpenPgOptions {
  audit: Retention;
  retry?: Partial<RetryOptions>;
  statementTimeoutMs?: number;
}

export async function openPgStore(url: string, options: OpenPgOptions): Promise<PgStore> {
  const pool = openPool(url, { statementTimeoutMs: options.statementTimeoutMs });
  try {
    await checkReachable(pool, url, {
      attempts: 6,
      baseMs: 1_000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options.retry,
    });
    await migrate(pool).catch((error: unknown) => {
      if (error instanceof StoreError) throw error;
      throw new StoreError(describeError(error, url));
    });
    return new PgStore(pool, { audit: options.audit });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
