// `npm run build` (also run by `prepare`, so `npm ci` builds): bundles the TypeScript sources
// into JavaScript in dist/, which bin/mailbrake.js runs. Libraries stay in node_modules
// (imported, not bundled), except those of BUNDLED; each dynamic import (a chat adapter, the
// OVHcloud client) becomes a chunk of its own, loaded only when used. The chart worker is a
// second entry point, forked by the bot. Plain JavaScript, so it runs before anything is compiled.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { build } from "esbuild";

/**
 * Bundled into the chunks that use them: the libraries every start needs (configuration and
 * data files: zod; the folder lock: proper-lockfile and the small modules it requires; lowdb;
 * the catalogs: i18next). As parts of a chunk they cost a start about half what their ~120
 * module files do (zod alone ~30 ms, proper-lockfile ~10 ms), and zod, imported as a namespace
 * (`import * as z`, a lint rule), keeps only the parts used. And vega, with the ~50 packages
 * it imports (its own vega-* and d3-*), into the chart worker: a one-shot `report` waits for
 * the chart process to start, which imported them in ~250-370 ms from node_modules and imports
 * them bundled in ~100-130 ms.
 */
const BUNDLED = ["zod", "proper-lockfile", "lowdb", "i18next", "vega"];

const root = new URL("../", import.meta.url);
const out = new URL("dist/", root);

const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !BUNDLED.includes(name));

rmSync(out, { recursive: true, force: true });
const result = await build({
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
  external,
  // proper-lockfile is CommonJS: inside an ES module chunk its require() of Node's own modules
  // needs a require function.
  banner: { js: 'import { createRequire as __mailbrakeRequire } from "node:module";\nconst require = __mailbrakeRequire(import.meta.url);' },
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
// Which libraries each chunk holds, so a test tracing what a command loads still sees them.
const bundled = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const names = new Set(Object.keys(output.inputs).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]));
  names.delete(undefined);
  if (names.size > 0) bundled[basename(file)] = [...names].sort();
}
writeFileSync(new URL("bundled.json", out), `${JSON.stringify(bundled, null, 2)}\n`);
// The message catalogs are read from a folder next to the code (src/i18n/locales).
cpSync(new URL("src/i18n/locales/", root), new URL("locales/", out), { recursive: true });
