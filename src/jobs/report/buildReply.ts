// Data → card → chart attachment: the one way a report is made, for the daily job and
// `/mail report` alike.
import type { Logger } from "pino";
import type { Reply } from "../../core/reply.ts";
import { localDay } from "../localDay.ts";
import { renderChart } from "./chartProcess.ts";
import { gatherReport, type ReportDeps } from "./reportData.ts";
import { renderReport, type ReportView } from "./renderReport.ts";

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
  const filename = `mailbrake-report-${localDay(period.to, view.timeZone)}.png`;
  try {
    return { ...reply, attachments: [await renderChart(data.days, view.language, filename)] };
  } catch (error) {
    // A report without its chart is still worth posting.
    logger.warn({ err: error }, "chart could not be drawn");
    return reply;
  }
}
