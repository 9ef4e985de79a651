// The 14-day chart (mails sent and errors per day) as a PNG: vega-lite → vega → SVG →
// resvg. Labels come from the catalogs; fonts are the system's DejaVu. The chart libraries
// load on first use: they are heavy, and vega-lite adds Set.prototype.toJSON when imported.
import type { TopLevelSpec } from "vega-lite";
import type { Attachment } from "../../core/reply.ts";
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

export async function renderChartSvg(days: readonly DayPoint[], language: Language): Promise<string> {
  const t = translator(language);
  const sent = t("jobs:chart.sent");
  const errors = t("jobs:chart.errors");
  const values = days.flatMap((d) => [
    { day: dayLabel(language, d.day), order: d.day, series: sent, mails: d.sent },
    { day: dayLabel(language, d.day), order: d.day, series: errors, mails: d.errors },
  ]);
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const spec = vegaLite.compile({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: t("jobs:chart.title", { count: days.length }),
    width: 640,
    height: 260,
    background: "white",
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: { field: "day", type: "ordinal", sort: { field: "order" }, title: t("jobs:chart.day"), axis: { labelAngle: -45 } },
      xOffset: { field: "series", sort: [sent, errors] },
      y: { field: "mails", type: "quantitative", title: t("jobs:chart.mails") },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        sort: [sent, errors],
        scale: { range: ["#4c78a8", "#e45756"] },
      },
    },
    config: { font: FONT },
  } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChart(days: readonly DayPoint[], language: Language, filename: string): Promise<Attachment> {
  const svg = await renderChartSvg(days, language);
  const { Resvg } = await import("@resvg/resvg-js");
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    fitTo: { mode: "zoom", value: 2 },
  })
    .render()
    .asPng();
  return { filename, contentType: "image/png", data: png };
}
