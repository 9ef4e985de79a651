// Data → card → chart attachment: the one way a report is made, for the daily job and
// `/mail report` alike.
import type { Logger } from "pino";
import type { Reply } from "../../core/reply.ts";
import { calendarDay } from "../../hosting/providerDate.ts";
import { renderChart } from "./chartProcess.ts";
import { type DayPoint, gatherReport, type ReportDeps } from "./reportData.ts";
import { formatDate } from "../../i18n/format.ts";
import { translator } from "../../i18n/index.ts";
import { renderReport, type ReportView } from "./renderReport.ts";

/** The chart says what it shows: the hosting(s), the days and the time zone they are counted in. */
export function chartTitle(hostings: readonly string[], days: readonly DayPoint[], view: ReportView): string {
  const t = translator(view.language);
  const first = days[0]?.day;
  const last = days[days.length - 1]?.day;
  const names =
    hostings.length === 1 ? (hostings[0] ?? "") : t("jobs:chart.hostings", { count: hostings.length });
  // Days are UTC midnights standing for calendar days of the team's zone: format them in UTC.
  const day = (ms: number | undefined) => (ms === undefined ? "" : formatDate(view.language, "UTC", ms));
  return t("jobs:chart.titleFor", { hostings: names, from: day(first), to: day(last), zone: view.timeZone });
}

/** One file per report: the hosting (or "all") and the minute it was made, so none overwrites another. */
export function chartFilename(hostings: readonly string[], at: number, timeZone: string): string {
  const who = hostings.length === 1 ? (hostings[0] ?? "all") : "all";
  const minute = new Date(at).toISOString().slice(11, 16).replace(":", "");
  return `mailbrake-report-${who}-${calendarDay(at, timeZone)}-${minute}.png`;
}

export async function buildReportReply(
  deps: ReportDeps,
  logger: Logger,
  hostings: readonly string[],
  period: { from: number; to: number },
  view: ReportView,
): Promise<Reply> {
  const data = await gatherReport(deps, hostings, period);
  const reply = renderReport(data, view);
  if (reply.failed) return reply; // nothing was read: no chart of nothing
  const title = chartTitle(hostings, data.days, view);
  try {
    return { ...reply, attachments: [await renderChart(data.days, view.language, chartFilename(hostings, period.to, view.timeZone), title)] };
  } catch (error) {
    // A report without its chart is still worth posting.
    logger.warn({ err: error }, "chart could not be drawn");
    return reply;
  }
}
