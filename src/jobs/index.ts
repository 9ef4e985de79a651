// Scheduled work (issue 5): started by src/index.ts after the adapters.
export { Jobs, type JobsOptions, jobsOf } from "./jobs.ts";
export { onDemandReport } from "./onDemand.ts";

import type { App } from "../app.ts";
import { Jobs } from "./jobs.ts";

/** Creates and starts the jobs; `stop()` ends their timers. */
export async function startJobs(app: App): Promise<{ stop(): Promise<void> }> {
  const jobs = await Jobs.create(app);
  jobs.start();
  return { stop: () => jobs.stop() };
}
