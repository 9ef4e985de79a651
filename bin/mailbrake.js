#!/usr/bin/env node
// Runs the JavaScript built from the sources at install (`npm run build`, which `prepare`
// runs on `npm ci`). Stack traces name the TypeScript lines when source maps are asked for
// (`NODE_OPTIONS=--enable-source-maps`): off by default, they cost every start time and memory.
const built = new URL("../dist/cli.js", import.meta.url);
let cli;
try {
  cli = await import(built.href);
} catch (error) {
  if (!String(error?.message).includes(`'${built.pathname}'`)) throw error;
  process.stderr.write("mailbrake: not built yet; run `npm run build` (npm ci does it)\n");
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
