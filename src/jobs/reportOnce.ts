// The report on demand without the jobs running (a one-shot command): what the jobs kept in the
// store, with the provider read once on top; the report says how far back that reaches. Loaded
// only when a report is asked for, so other commands load none of the report's code.
import type { Logger } from "pino";
import type { Clock } from "../clock.ts";
import type { Reply } from "../core/reply.ts";
import type { HostingProvider } from "../hosting/port.ts";
import type { Language } from "../i18n/index.ts";
import { Collector } from "./collector.ts";
import { keptAndFresh, MemoryErrorLog } from "./errorLog.ts";
import { buildReportReply } from "./report/buildReply.ts";
import { chartProcess } from "./report/chartProcess.ts";
import { DAY_MS } from "./report/reportData.ts";
import { realSleep } from "./retry.ts";
import type { JobSettings } from "./settings.ts";
import type { StorePort } from "../store/port.ts";

export interface OnDemandDeps {
  provider: HostingProvider;
  store: StorePort;
  clock: Clock;
  logger: Logger;
}

export async function reportOnce(
  { provider, store, clock, logger: parent }: OnDemandDeps,
  settings: JobSettings,
  hostings: string[],
  language: Language,
): Promise<Reply> {
  // What the running jobs collected (in the store) counts, with what this report reads now.
  const errors = keptAndFresh(store.errors, new MemoryErrorLog());
  const now = () => clock.now();
  const logger = parent.child({ component: "jobs" });
  // The chart process starts (and loads its libraries) while the error logs are read.
  chartProcess().warm();
  const collector = new Collector({ provider, store, errors, settings, now, sleep: realSleep, logger, ephemeral: true });
  await collector.poll(hostings);
  const to = now();
  const deps = { provider, errors, collector, settings, sleep: realSleep };
  return buildReportReply(deps, logger, hostings, { from: to - DAY_MS, to }, {
    language,
    timeZone: settings.timeZone,
    scheduled: false,
  });
}
