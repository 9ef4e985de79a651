// vitest's global set-up: builds dist/ from the current sources before any test runs, so the
// tests that start the real bin (bin/mailbrake.js runs dist/) never test a stale build.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const script = fileURLToPath(new URL("../../scripts/build.mjs", import.meta.url));
  execFileSync(process.execPath, [script], { stdio: "inherit" });
}
