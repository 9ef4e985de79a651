// `npm run build` (also run by `prepare`, so `npm ci` builds): bundles the TypeScript sources
// into JavaScript in dist/, which bin/mailbrake.js runs. Libraries stay in node_modules
// (imported, not bundled); each dynamic import (a chat adapter, the OVHcloud client) becomes
// a chunk of its own, loaded only when used. The chart worker is a second entry point, forked
// by the bot. Plain JavaScript, so it runs before anything is compiled.
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const out = new URL("dist/", root);

rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root.pathname,
  entryPoints: { cli: "src/cli.ts", chartWorker: "src/jobs/report/chartWorker.ts" },
  outdir: "dist",
  // Chunks sit beside the entries: code that finds a file next to itself
  // (`new URL("./locales/", import.meta.url)`, `./chartWorker.js`) finds it from any of them.
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.12",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
// The message catalogs are read from a folder next to the code (src/i18n/locales).
cpSync(new URL("src/i18n/locales/", root), new URL("locales/", out), { recursive: true });
