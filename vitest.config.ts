import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // dist/ built from the current sources (the CLI tests run it), and a private PostgreSQL
    // server for the run (the distribution's binaries; see the README).
    globalSetup: ["test/setup/build.ts", "test/setup/pg.ts"],
  },
});
