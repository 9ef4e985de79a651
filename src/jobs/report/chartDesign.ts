// The report chart's design, in vega-lite: two panels over the same 14 days (mails sent, and
// errors), each with its own scale. `npm run chart-spec` compiles it once into the vega spec
// the chart process draws from (chartSpec.json), so that process loads neither vega-lite nor
// pays for its compile on every start; a test checks that the spec on disk is this design's
// compile. The app uses only its types and its font.
import type { TopLevelSpec } from "vega-lite";

/** What a chart says: its title, the panels' and axis's labels, and how its numbers are written. */
export interface ChartLabels {
  title: string;
  sent: string;
  errors: string;
  day: string;
  noData: string;
  decimal: string;
  thousands: string;
}

/** One column: the day's label under it, its order, and its figures (null: no data that day). */
export interface ChartRow {
  day: string;
  order: number;
  sent: number | null;
  errors: number | null;
}

/** The system's DejaVu Sans (fonts-dejavu-core): the chart's font, and resvg's default. */
export const FONT = "DejaVu Sans";

export function chartDesign(labels: ChartLabels, values: ChartRow[]): TopLevelSpec {
  // Errors are often a few dozen against thousands sent, and would vanish on one shared axis.
  // A day without data (null) gets no bar, and the words "no data" stand in its column: never
  // a bar of 0.
  const panel = (field: "sent" | "errors", title: string, color: string, showDays: boolean) => ({
    width: 640,
    height: showDays ? 150 : 130,
    encoding: {
      x: {
        field: "day",
        type: "ordinal",
        // "min": the one sort op the two layers' shared domain accepts (days in order, not by label).
        sort: { field: "order", op: "min" },
        title: showDays ? labels.day : null,
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
        mark: {
          type: "text",
          angle: 270,
          align: "left",
          baseline: "middle",
          dx: 4,
          color: "#6b6b6b",
          fontStyle: "italic",
        },
        encoding: { y: { datum: 0, type: "quantitative" }, text: { value: labels.noData } },
      },
    ],
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: labels.title,
    background: "white",
    data: { values },
    vconcat: [
      panel("sent", labels.sent, "#4c78a8", false),
      panel("errors", labels.errors, "#e45756", true),
    ],
    config: {
      font: FONT,
      locale: {
        number: {
          decimal: labels.decimal,
          thousands: labels.thousands,
          grouping: [3],
          currency: ["", ""],
        },
      },
    },
  } as TopLevelSpec;
}

/** Each label as the placeholder the compiled spec carries in its place. */
export const PLACEHOLDERS: ChartLabels = {
  title: "{{title}}",
  sent: "{{sent}}",
  errors: "{{errors}}",
  day: "{{day}}",
  noData: "{{noData}}",
  decimal: "{{decimal}}",
  thousands: "{{thousands}}",
};
