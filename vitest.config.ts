import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/buildOnce.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // A private PostgreSQL server for the run (the distribution's binaries; see the README).
    globalSetup: ["test/setup/pg.ts"],
  },
});
