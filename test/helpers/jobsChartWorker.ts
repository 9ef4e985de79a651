// A misbehaving chart process for test/jobs/chart.test.ts, steered by the request's
// language (or, for a whole child, by FAKE_CHART_MODE in its environment): "crash" exits
// at once, "hang" never answers, "fail" answers with an error; otherwise a tiny fake PNG.
import type { ChartRequest, ChartResponse } from "../../src/jobs/report/chartProcess.ts";

const answer = (response: ChartResponse) => process.send?.(response);

process.on("message", (request: ChartRequest) => {
  const mode: string = process.env.FAKE_CHART_MODE ?? request.language;
  if (mode === "crash") process.exit(3);
  if (mode === "hang") return;
  if (mode === "fail") return answer({ id: request.id, error: "no fonts" });
  answer({ id: request.id, png: Buffer.from(`png:${request.days.length}`) });
});
process.on("disconnect", () => process.exit(0));
