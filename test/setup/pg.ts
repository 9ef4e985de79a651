// vitest globalSetup: one private PostgreSQL server for the whole run (each test file makes
// its own databases on it with `freshDatabase()`), stopped and removed at the end.
import type { TestProject } from "vitest/node";
import { PgCluster } from "../helpers/pgCluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server (its maintenance database). */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await PgCluster.start();
  project.provide("pgAdminUrl", cluster.url());
  return () => cluster.destroy();
}
