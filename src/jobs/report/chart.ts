// The 14-day chart (mails sent and errors per day) as a PNG: the vega spec compiled from the
// chart's design (chartDesign.ts → chartSpec.json, at development time), filled with the
// day's labels from the catalogs and the figures, then vega → SVG → resvg. Fonts are the
// system's DejaVu. Only the chart process (chartWorker.ts) runs this: the libraries are heavy
// and keep memory they never give back. The bot uses chartProcess.ts.
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { type Language, translator } from "../../i18n/index.ts";
import { type ChartLabels, type ChartRow, FONT } from "./chartDesign.ts";
import template from "./chartSpec.json" with { type: "json" };
import type { DayPoint } from "./reportData.ts";

const dayFormats = new Map<Language, Intl.DateTimeFormat>();

function dayLabel(language: Language, day: number): string {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" });
    dayFormats.set(language, format);
  }
  return format.format(day);
}

/** How the reader's language writes numbers (axis labels: "4 000" in French). */
function numberParts(language: Language): Pick<ChartLabels, "decimal" | "thousands"> {
  const parts = new Intl.NumberFormat(language).formatToParts(12_345.6);
  const part = (type: string, fallback: string) =>
    parts.find((p) => p.type === type)?.value ?? fallback;
  return { decimal: part("decimal", "."), thousands: part("group", ",") };
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * A copy of `node` with each placeholder ("{{title}}") replaced by its label: as is where it is
 * the whole value; escaped as in a JSON string where vega-lite put it inside an expression's
 * string literal (the bars' ARIA descriptions), as vega-lite itself writes it there.
 */
function fill(node: unknown, labels: ChartLabels): unknown {
  if (typeof node === "string") {
    const whole = node.startsWith("{{") && node.endsWith("}}") && node.indexOf("{{", 1) === -1;
    return node.replace(PLACEHOLDER, (placeholder, name: string) => {
      if (!(name in labels)) return placeholder;
      const label = labels[name as keyof ChartLabels];
      return whole ? label : JSON.stringify(label).slice(1, -1);
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, labels));
  if (node && typeof node === "object")
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, fill(value, labels)]),
    );
  return node;
}

/** The vega spec of one chart: the compiled template with these labels and rows. */
export function chartSpec(labels: ChartLabels, rows: ChartRow[]): vega.Spec {
  const spec = fill(template, labels) as vega.Spec;
  const source = spec.data?.find((data) => "values" in data);
  if (!source) throw new Error("chartSpec.json has no data source for the rows");
  (source as { values: ChartRow[] }).values = rows;
  return spec;
}

export async function renderChartSvg(
  days: readonly DayPoint[],
  language: Language,
  title?: string,
): Promise<string> {
  const t = translator(language);
  // A day whose errors were seen for part of it only says so under its column.
  const partial = t("jobs:chart.partial");
  const rows = days.map((d) => ({
    day: d.partial ? `${dayLabel(language, d.day)} (${partial})` : dayLabel(language, d.day),
    order: d.day,
    sent: d.sent,
    errors: d.errors,
  }));
  const labels: ChartLabels = {
    title: title ?? t("jobs:chart.title", { count: days.length }),
    sent: t("jobs:chart.sent"),
    errors: t("jobs:chart.errors"),
    day: t("jobs:chart.day"),
    noData: t("jobs:chart.noData"),
    ...numberParts(language),
  };
  const view = new vega.View(vega.parse(chartSpec(labels, rows)), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChartPng(
  days: readonly DayPoint[],
  language: Language,
  title?: string,
): Promise<Buffer> {
  const svg = await renderChartSvg(days, language, title);
  return new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    fitTo: { mode: "zoom", value: 2 },
  })
    .render()
    .asPng();
}
