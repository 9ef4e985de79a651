// The daily error report: once per report channel and scheduled time, covering every
// hosting since the previous report; posted late (and said so) when the bot was down at
// the time, as long as the local day is not over.
import type { Reply } from "../core/reply.ts";
import type { Services } from "../core/services.ts";
import type { Language } from "../i18n/index.ts";
import { channelGroups } from "./channels.ts";
import type { Collector } from "./collector.ts";
import { chartProcess } from "./report/chartProcess.ts";
import { calendarDay } from "../hosting/providerDate.ts";
import type { CronTimes } from "./cronTimes.ts";
import type { ErrorSource } from "./errorLog.ts";
import * as z from "../zod.ts";
import { JobState } from "./jobState.ts";
import type { PostLedger } from "./postLedger.ts";
import { buildReportReply } from "./report/buildReply.ts";
import { DAY_MS } from "./report/reportData.ts";
import type { Sleep } from "./retry.ts";
import type { JobSettings } from "./settings.ts";

/** Posted more than this after its time, a report says it is late. */
const LATE_AFTER_MS = 10 * 60_000;

export const reportStateSchema = z.object({
  /** End of the last posted report's period, per channel group. */
  lastTo: z.record(z.string(), z.number()),
  /** When this job first ran: a report due before a fresh install was never missed. */
  since: z.optional(z.number()),
});
type ReportState = z.infer<typeof reportStateSchema>;

export interface ReportJobDeps {
  services: Services;
  hostingNames: () => Promise<string[]>;
  collector: Collector;
  errors: ErrorSource;
  ledger: PostLedger;
  times: CronTimes;
  settings: JobSettings;
  sleep: Sleep;
}

export class ReportJob {
  private readonly kept: JobState<typeof reportStateSchema>;

  constructor(private readonly deps: ReportJobDeps) {
    const { store, clock } = deps.services;
    this.kept = new JobState(store, "report", reportStateSchema, () => ({ lastTo: {}, since: clock.now() }));
  }

  /** Reads the kept state; a fresh install records when it first ran. */
  async load(): Promise<void> {
    await this.kept.load();
    await this.kept.save();
  }

  private get state(): ReportState {
    return this.kept.current;
  }

  /** The scheduled time whose report is owed now, if any (the local day not over yet). */
  owed(now: number): number | undefined {
    const due = this.deps.times.lastAtOrBefore(now);
    if (due === undefined) return undefined;
    const { timeZone } = this.deps.settings;
    if (calendarDay(due, timeZone) !== calendarDay(now, timeZone)) return undefined;
    const { since } = this.state;
    if (since !== undefined && due < since) return undefined;
    return due;
  }

  /**
   * Posts the owed report for every channel group that has not had it; returns how many were
   * posted. `known`: the hostings the caller already read (or last read, during an outage).
   */
  async runIfOwed(known?: readonly string[]): Promise<number> {
    const now = this.deps.services.clock.now();
    const due = this.owed(now);
    if (due === undefined) return 0;
    const names = known ? [...known] : await this.deps.hostingNames();
    const groups = channelGroups(this.deps.services, names);
    const pending: typeof groups = [];
    for (const g of groups) if (!(await this.deps.ledger.done(this.keyOf(g.key, due)))) pending.push(g);
    if (pending.length === 0) return 0;
    chartProcess().warm();
    // Hostings read a moment ago (by this tick's collection) are not read again.
    const fresh = now - this.deps.settings.collectFastEveryMs;
    await this.deps.collector.poll(names.filter((h) => (this.deps.collector.lastPoll(h) ?? 0) <= fresh));
    let posted = 0;
    for (const group of pending) {
      const from = this.state.lastTo[group.key] ?? due - DAY_MS;
      const to = this.deps.services.clock.now();
      const late = to - due > LATE_AFTER_MS ? due : undefined;
      const reply = await this.build(group.hostings, { from, to }, group.language, { scheduled: true, lateSince: late });
      const refs = await this.deps.ledger.postOnce(this.keyOf(group.key, due), reply, group.target);
      if (refs) {
        posted += 1;
        this.state.lastTo[group.key] = to;
        await this.kept.save();
      }
    }
    return posted;
  }

  /** `/mail report`: the same report, for the asker, over the last 24 hours or since the last daily one if longer. */
  async onDemand(hostings: string[], language: Language): Promise<Reply> {
    await this.deps.collector.poll(hostings);
    const to = this.deps.services.clock.now();
    const groups = channelGroups(this.deps.services, hostings);
    const from = Math.min(to - DAY_MS, ...groups.map((g) => this.state.lastTo[g.key] ?? to - DAY_MS));
    return this.build(hostings, { from, to }, language, { scheduled: false });
  }

  private build(
    hostings: string[],
    period: { from: number; to: number },
    language: Language,
    view: { scheduled: boolean; lateSince?: number },
  ): Promise<Reply> {
    const { services, collector, errors, settings, sleep } = this.deps;
    const deps = { provider: services.provider, errors, collector, settings, sleep };
    return buildReportReply(deps, services.logger, hostings, period, { language, timeZone: settings.timeZone, ...view });
  }

  private keyOf(group: string, due: number): string {
    return `report:${group}:${new Date(due).toISOString()}`;
  }
}
