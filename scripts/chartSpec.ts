// `npm run chart-spec`: compiles the report chart's design (vega-lite) into the vega spec the
// chart process draws from, with placeholders for its labels and no data. Run it after a
// change to src/jobs/report/chartDesign.ts; a test fails while the two disagree.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { compile } from "vega-lite";
import { chartDesign, PLACEHOLDERS } from "../src/jobs/report/chartDesign.ts";

export const compiledTemplate = () => compile(chartDesign(PLACEHOLDERS, [])).spec;

// Run as a script (not imported by the test that compares the spec on disk with it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = new URL("../src/jobs/report/chartSpec.json", import.meta.url);
  writeFileSync(file, `${JSON.stringify(compiledTemplate(), null, 2)}\n`);
  console.log(`written: ${file.pathname.split("/").slice(-4).join("/")}`);
}
