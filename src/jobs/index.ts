// Scheduled work (issue 5): started by the start-up path after the adapters.
export { Jobs, type JobsHost, type JobsOptions } from "./jobs.ts";
export { OnDemandReports } from "./onDemand.ts";

import { Jobs, type JobsHost } from "./jobs.ts";

/** Creates and starts the jobs; `stop()` ends their timers. */
export async function startJobs(app: JobsHost): Promise<{ stop(): Promise<void> }> {
  const jobs = await Jobs.create(app);
  jobs.start();
  return { stop: () => jobs.stop() };
}
