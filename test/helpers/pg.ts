// The run's PostgreSQL server (started by test/setup/pg.ts) as seen from a test file.
import { inject } from "vitest";
import { createDatabase } from "./pgCluster.ts";

/** A fresh, empty database for one test (or one file); returns its URL. */
export const freshDatabase = (): Promise<string> => createDatabase(inject("pgAdminUrl"));

/** The run's server URL with another password (a wrong one, for the refusal tests). */
export function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}
