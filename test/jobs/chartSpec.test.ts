// The chart process draws from a vega spec compiled once from the chart's design
// (chartDesign.ts → chartSpec.json, `npm run chart-spec`), so it never loads vega-lite. The
// spec on disk must be that design's compile, and filling it must give, for any labels and
// rows, exactly what vega-lite compiles from the design itself.
import { readFileSync } from "node:fs";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { compiledTemplate } from "../../scripts/chartSpec.ts";
import { type ChartLabels, type ChartRow, chartDesign } from "../../src/jobs/report/chartDesign.ts";
import { chartSpec } from "../../src/jobs/report/chart.ts";

const DAY = 86_400_000;
const rows: ChartRow[] = Array.from({ length: 14 }, (_, i) => ({
  day: `${i + 10} Nov${i === 13 ? " (partial)" : ""}`,
  order: Date.UTC(2026, 10, 10) + i * DAY,
  sent: i === 3 ? null : 1200 + i * 40,
  errors: i === 3 || i === 7 ? null : (i * 7) % 30,
}));

const english: ChartLabels = {
  title: "shop.example · 10 Nov 2026 – 23 Nov 2026 (Europe/Paris)",
  sent: "Sent",
  errors: "Errors",
  day: "Day",
  noData: "no data",
  decimal: ".",
  thousands: ",",
};
// Quotes, a backslash, braces and a narrow no-break space: the labels are data, never code.
const awkward: ChartLabels = {
  title: 'Boulangerie "Martin" \\ {{sent}} · 14 jours',
  sent: "E-mails envoyés",
  errors: "E-mails en erreur",
  day: "Jour",
  noData: "aucune donnée",
  decimal: ",",
  thousands: "\u202f",
};

describe("the chart's compiled spec", () => {
  it("on disk is the compile of chartDesign.ts (run `npm run chart-spec` after changing it)", () => {
    const onDisk = JSON.parse(
      readFileSync(new URL("../../src/jobs/report/chartSpec.json", import.meta.url), "utf8"),
    );
    expect(onDisk).toEqual(compiledTemplate());
  });

  it.each([
    ["English labels", english],
    ["labels with quotes, braces and odd spaces", awkward],
  ])("filled with %s, it is what vega-lite compiles from the design", (_name, labels) => {
    expect(chartSpec(labels, rows)).toEqual(compile(chartDesign(labels, rows)).spec);
  });

  it("carries every label in the place vega-lite gives it, and the rows as its data", () => {
    const text = JSON.stringify(chartSpec(english, rows));
    expect(text).not.toMatch(/\{\{\w+\}\}/);
    for (const label of Object.values(english)) expect(text).toContain(JSON.stringify(label));
    expect(text).toContain(JSON.stringify(rows));
  });
});
