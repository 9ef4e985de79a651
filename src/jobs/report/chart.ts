// The 14-day chart (mails sent and errors per day) as a PNG: vega-lite → vega → SVG →
// resvg. Labels come from the catalogs; fonts are the system's DejaVu. Only the chart
// process (chartWorker.ts) runs this: the libraries are heavy, keep memory they never give
// back, and vega-lite adds Set.prototype.toJSON when imported. The bot uses chartProcess.ts.
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { type Language, translator } from "../../i18n/index.ts";
import type { DayPoint } from "./reportData.ts";

const FONT = "DejaVu Sans";
const dayFormats = new Map<Language, Intl.DateTimeFormat>();

function dayLabel(language: Language, day: number): string {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" });
    dayFormats.set(language, format);
  }
  return format.format(day);
}

/** Vega's number format for the reader's language (axis labels: "4 000" in French). */
function numberLocale(language: Language) {
  const parts = new Intl.NumberFormat(language).formatToParts(12_345.6);
  const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  return { decimal: part("decimal", "."), thousands: part("group", ","), grouping: [3], currency: ["", ""] as [string, string] };
}

export async function renderChartSvg(days: readonly DayPoint[], language: Language, title?: string): Promise<string> {
  const t = translator(language);
  const sent = t("jobs:chart.sent");
  const errors = t("jobs:chart.errors");
  // A day whose errors were seen for part of it only says so under its column.
  const partial = t("jobs:chart.partial");
  const values = days.map((d) => ({
    day: d.partial ? `${dayLabel(language, d.day)} (${partial})` : dayLabel(language, d.day),
    order: d.day,
    sent: d.sent,
    errors: d.errors,
  }));
  const noData = t("jobs:chart.noData");
  // Two panels over the same days, each with its own scale: errors are often a few dozen
  // against thousands sent, and would vanish on one shared axis. A day without data (null)
  // gets no bar, and the words "no data" stand in its column: never a bar of 0.
  const panel = (field: "sent" | "errors", title: string, color: string, showDays: boolean) => ({
    width: 640,
    height: showDays ? 150 : 130,
    encoding: {
      x: {
        field: "day",
        type: "ordinal",
        // "min": the one sort op the two layers' shared domain accepts (days in order, not by label).
        sort: { field: "order", op: "min" },
        title: showDays ? t("jobs:chart.day") : null,
        axis: showDays ? { labelAngle: -45 } : { labels: false, ticks: false },
      },
    },
    layer: [
      {
        transform: [{ filter: `datum.${field} !== null` }],
        mark: { type: "bar", color },
        encoding: { y: { field, type: "quantitative", title, axis: { tickMinStep: 1 } } },
      },
      {
        transform: [{ filter: `datum.${field} === null` }],
        mark: { type: "text", angle: 270, align: "left", baseline: "middle", dx: 4, color: "#6b6b6b", fontStyle: "italic" },
        encoding: { y: { datum: 0, type: "quantitative" }, text: { value: noData } },
      },
    ],
  });
  const spec = compile({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: title ?? t("jobs:chart.title", { count: days.length }),
    background: "white",
    data: { values },
    vconcat: [panel("sent", sent, "#4c78a8", false), panel("errors", errors, "#e45756", true)],
    config: { font: FONT, locale: { number: numberLocale(language) } },
  } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChartPng(days: readonly DayPoint[], language: Language, title?: string): Promise<Buffer> {
  const svg = await renderChartSvg(days, language, title);
  return new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    fitTo: { mode: "zoom", value: 2 },
  })
    .render()
    .asPng();
}
