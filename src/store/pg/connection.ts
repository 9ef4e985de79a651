// The connection to PostgreSQL (`DATABASE_URL`): a pool with a statement timeout on every
// query (a locked table cannot hang a Slack ack), one-line errors that name the server, the
// database and the user but never the password, and retries with backoff while the server
// cannot be reached at start-up. There is no fall-back to the embedded store.
import pg from "pg";
import { StoreError, UserError } from "../../errors.ts";
import { describeUrl } from "./url.ts";

export { describeUrl, isPostgresUrl } from "./url.ts";

export interface PoolOptions {
  /** Deadline of every statement, ms. */
  statementTimeoutMs?: number;
  /** Deadline to open a connection, ms. */
  connectTimeoutMs?: number;
  /** Connections kept at most. */
  max?: number;
}

export function openPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 5_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: "mailbrake",
  });
  // An idle connection dropped by the server (a restart) must not crash the process: the
  // next query gets a fresh connection or a clear error.
  pool.on("error", () => undefined);
  return pool;
}

/** Codes of a server that is not there (yet): worth retrying. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "57P03", "57P01"]);

export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && UNREACHABLE.has(code)) return true;
  const message = (error as Error | null)?.message ?? "";
  return /timeout exceeded when trying to connect|Connection terminated|connect ETIMEDOUT/i.test(message);
}

/** One line saying what is wrong with the database, for an operator (never the password). */
export function describeError(error: unknown, url: string): string {
  const where = `PostgreSQL ${describeUrl(url)}`;
  const e = error as { code?: string; message?: string } | null;
  switch (e?.code) {
    case "28P01":
    case "28000":
      return `${where} refused the credentials of DATABASE_URL (wrong user or password)`;
    case "3D000":
      return `${where}: the database does not exist (create it, or fix DATABASE_URL)`;
    case "ENOTFOUND":
      return `${where}: the host name does not resolve`;
    case "57014":
      return `${where}: a statement took too long and was cancelled`;
    default:
      if (isUnreachable(error)) return `${where} cannot be reached (${e?.code ?? "no answer"})`;
      return `${where}: ${(e?.message ?? String(error)).replace(/postgres(ql)?:\/\/[^\s]*/g, "(url)")}`;
  }
}

export interface RetryOptions {
  /** Attempts in all (the first included). */
  attempts: number;
  baseMs: number;
  sleep(ms: number): Promise<void>;
  onRetry?(line: string, attempt: number): void;
}

/** Opens one connection to check the server, retrying (with backoff) while it cannot be reached. */
export async function checkReachable(pool: pg.Pool, url: string, retry: RetryOptions): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await pool.connect();
      client.release();
      return;
    } catch (error) {
      const line = describeError(error, url);
      if (!isUnreachable(error) || attempt >= retry.attempts) throw new StoreError(line);
      retry.onRetry?.(line, attempt);
      await retry.sleep(Math.min(retry.baseMs * 2 ** (attempt - 1), 30_000));
    }
  }
}

/** SQLSTATE classes and codes of a database that is not available (down, restarting, cut off, too slow). */
const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03", "57014", "53300"]);

/** Whether a failure means the database is not available now (rather than a bad statement). */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? "";
  if (UNAVAILABLE_CODES.has(code) || code.startsWith("08")) return true;
  if (isUnreachable(error)) return true;
  const message = (error as Error | null)?.message ?? "";
  return /Connection terminated|not queryable|Client was closed|connection error|Cannot use a pool after calling end/i.test(message);
}

const unavailable = (error: unknown): unknown => (isUnavailable(error) ? new UserError("errors.storeUnavailable") : error);

type AnyQuery = (...args: unknown[]) => Promise<unknown>;

function guardQuery(target: { query: unknown }): AnyQuery {
  const query = target.query as AnyQuery;
  return (...args) =>
    query.apply(target, args).catch((error: unknown) => {
      throw unavailable(error);
    });
}

/**
 * The pool as the store uses it: a failure because the database is not available becomes the
 * user's "the store is unavailable, nothing was changed" (a UserError); others stay as they are.
 */
export function guardPool(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === "query") return guardQuery(target);
      if (property === "connect") {
        return async () => {
          let client: pg.PoolClient;
          try {
            client = await target.connect();
          } catch (error) {
            throw unavailable(error);
          }
          return new Proxy(client, {
            get(c, p, r) {
              if (p === "query") return guardQuery(c);
              const value = Reflect.get(c, p, r);
              return typeof value === "function" ? value.bind(c) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
