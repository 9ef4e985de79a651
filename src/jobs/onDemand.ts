// `/mail report <hosting|all>`: the daily report's content on demand. With the jobs running
// it uses the collected errors; without them (one-shot CLI) it reads the provider once and
// says how far back that reaches.
import { envSchema } from "../config.ts";
import type { Reply } from "../core/reply.ts";
import type { Services } from "../core/services.ts";
import type { Language } from "../i18n/index.ts";
import { Collector } from "./collector.ts";
import { MemoryErrorLog } from "./errorLog.ts";
import { jobsOf } from "./jobs.ts";
import { buildReportReply } from "./report/buildReply.ts";
import { DAY_MS } from "./report/reportData.ts";
import { realSleep } from "./retry.ts";
import { jobSettings } from "./settings.ts";

export async function onDemandReport(services: Services, hostings: string[], language: Language): Promise<Reply> {
  const jobs = jobsOf(services);
  if (jobs) return jobs.report.onDemand(hostings, language);
  const settings = { ...jobSettings(envSchema.parse({})), timeZone: services.settings.timeZone };
  const errors = new MemoryErrorLog();
  const now = () => services.clock.now();
  const logger = services.logger.child({ component: "jobs" });
  const collector = new Collector({
    provider: services.provider,
    store: services.store,
    errors,
    settings,
    now,
    sleep: realSleep,
    logger,
    ephemeral: true,
  });
  await collector.poll(hostings);
  const to = now();
  const deps = { provider: services.provider, errors, collector, settings, sleep: realSleep };
  return buildReportReply(deps, logger, hostings, { from: to - DAY_MS, to }, {
    language,
    timeZone: settings.timeZone,
    scheduled: false,
  });
}
