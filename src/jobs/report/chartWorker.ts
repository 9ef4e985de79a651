// The chart process (started by chartProcess.ts): draws each chart it is asked for and
// answers with the PNG. It exits when the bot closes the channel (idle, or the bot is gone).
import { renderChartPng } from "./chart.ts";
import type { ChartRequest, ChartResponse } from "./chartProcess.ts";

if (!process.send)
  throw new Error("chartWorker.ts must be started by chartProcess.ts (no IPC channel)");

const answer = (response: ChartResponse) => process.send?.(response);

process.on("message", (request: ChartRequest) => {
  renderChartPng(request.days, request.language, request.title).then(
    (png) => answer({ id: request.id, png }),
    (error: unknown) =>
      answer({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
