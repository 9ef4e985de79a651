// The scheduled work of a running bot: error collection, the daily report, hold-expiry
// warnings and the state watch. `tick()` does whatever is due on the app's clock, so tests
// (and the sandbox's `advance`) drive it without waiting; node-cron calls it in production.
import * as z from "../zod.ts";
import type { Env } from "../config.ts";
import { channelVoice } from "../core/announce.ts";
import { KEEP_DECIDED_MS } from "../core/confirmations.ts";
import { errorText } from "../core/errorText.ts";
import type { Services } from "../core/services.ts";
import { failureReply } from "./alerts.ts";
import { Collector } from "./collector.ts";
import { CronTimes } from "./cronTimes.ts";
import type { ErrorSource } from "./errorLog.ts";
import { HoldWarnings } from "./holdWarnings.ts";
import { JobState } from "./jobState.ts";
import { PostLedger } from "./postLedger.ts";
import { ReportJob } from "./reportJob.ts";
import { realSleep, type Sleep, withRetry } from "./retry.ts";
import { Scheduler } from "./scheduler.ts";
import { type JobSettings, jobSettings } from "./settings.ts";
import { callPlan, type JobIntervals } from "../hosting/callPlan.ts";
import { ReasonRise } from "./reasonRise.ts";
import { StateWatch } from "./watch.ts";

export interface JobsOptions {
  /** Waits between retries (tests pass an instant one). */
  sleep?: Sleep;
  /** State-watch calls in flight at once. */
  concurrency?: number;
}

const failureStateSchema = z.object({
  /** Jobs whose last run could not read something, and when that started. */
  open: z.record(z.string(), z.number()),
  /** When each job last failed to read something. */
  lastFailedAt: z.optional(z.record(z.string(), z.number())),
});

/** Retention of the store's histories and decided confirmations is applied this often. */
const PRUNE_EVERY_MS = 3_600_000;

/** Clean runs for this long close a failure (and allow the next message). */
const QUIET_MS = 30 * 60_000;
/** The tick and the report share one lane: they never overlap. */
const LANE = "jobs";

/** What the jobs are given by the composition root (an `App` is one). */
export interface JobsHost {
  env: Env;
  services: Services;
  engine: { hostings: { list(): Promise<string[]> } };
  /** The on-demand report: the jobs' collected errors serve it while they exist. */
  reports: { attach(live: ReportJob): () => void };
}

export class Jobs {
  readonly settings: JobSettings;
  readonly ledger: PostLedger;
  readonly collector: Collector;
  readonly report: ReportJob;
  readonly watch: StateWatch;
  readonly rise: ReasonRise;
  readonly holds: HoldWarnings;
  private readonly scheduler: Scheduler;
  private readonly logger;
  /** The last hosting list read, for ticks during an outage. */
  private lastNames: string[] | undefined;
  /** Hands the on-demand report back to its one-shot reading. */
  private detach: () => void = () => undefined;
  private readonly failures: JobState<typeof failureStateSchema>;
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  /** The intervals as configured, before they are stretched for the call budget. */
  private readonly configured: JobIntervals;

  private constructor(
    private readonly services: Services,
    private readonly names: () => Promise<string[]>,
    settings: JobSettings,
    readonly errors: ErrorSource,
    private readonly times: CronTimes,
    private readonly sleep: Sleep,
    concurrency: number,
  ) {
    this.settings = settings;
    this.configured = { collectEveryMs: settings.collectEveryMs, collectFastEveryMs: settings.collectFastEveryMs, watchEveryMs: settings.watchEveryMs };
    this.logger = services.logger.child({ component: "jobs" });
    const now = () => services.clock.now();
    this.ledger = new PostLedger(services.store, services.notifier, now);
    this.collector = new Collector({ provider: services.provider, store: services.store, errors, settings, now, sleep, logger: this.logger });
    this.report = new ReportJob({
      services,
      hostingNames: () => this.names(),
      collector: this.collector,
      errors,
      ledger: this.ledger,
      times,
      settings,
      sleep,
    });
    this.watch = new StateWatch(services, this.ledger, settings, sleep, concurrency);
    this.rise = new ReasonRise(services, this.ledger, errors, settings.timeZone);
    this.holds = new HoldWarnings(services, this.ledger, settings, (h) => this.watch.lastState(h));
    this.scheduler = new Scheduler(this.logger);
    this.failures = new JobState(services.store, "failures", failureStateSchema, () => ({ open: {}, lastFailedAt: {} }));
  }

  static async create(app: JobsHost, options: JobsOptions = {}): Promise<Jobs> {
    const settings = jobSettings(app.env);
    const times = new CronTimes(settings.reportCron, settings.timeZone);
    const errors = app.services.store.errors;
    const names = () => app.engine.hostings.list();
    // The jobs' calls wait behind people's in the provider's call budget.
    const { provider } = app.services;
    const services = { ...app.services, provider: provider.forLane?.("job") ?? provider };
    const jobs = new Jobs(services, names, settings, errors, times, options.sleep ?? realSleep, options.concurrency ?? 16);
    await Promise.all([jobs.collector.load(), jobs.report.load(), jobs.watch.load(), jobs.failures.load(), jobs.rise.load()]);
    jobs.detach = app.reports.attach(jobs.report);
    return jobs;
  }

  /** Everything due now: error polls, the state watch, hold warnings, an owed report. */
  tick(): Promise<void> {
    return this.tickNow();
  }

  /**
   * With many hostings the intervals stretch (the settings are shared with the collector and
   * the watch) so that the jobs stay within their share of the provider's call budget.
   */
  private fitBudget(hostings: number): void {
    const plan = callPlan(this.configured, hostings, this.settings.callsPerMinute);
    if (plan.stretch > 1 && this.settings.watchEveryMs !== plan.watchEveryMs) {
      this.logger.info({ hostings, stretch: plan.stretch, perMinute: plan.perMinute }, "intervals stretched to stay within the call budget");
    }
    this.settings.collectEveryMs = plan.collectEveryMs;
    this.settings.collectFastEveryMs = plan.collectFastEveryMs;
    this.settings.watchEveryMs = plan.watchEveryMs;
  }

  private async tickNow(): Promise<void> {
    // Hold warnings first: an outage cannot delay them (they fall back to the last state seen).
    await this.holds.check();
    const names = await this.namesOrReport();
    if (!names) {
      // The provider is down (the polls would fail too): an owed report still goes out, with
      // what could not be read, over the last list read.
      if (this.lastNames) await this.report.runIfOwed(this.lastNames);
      return;
    }
    this.fitBudget(names.length);
    const now = this.services.clock.now();
    const polls = await this.collector.poll(this.collector.due(names));
    await this.reportFailures("collect", polls.filter((p) => p.error !== undefined).map((p) => ({ hosting: p.hosting, error: p.error })));
    await this.rise.check(polls.filter((p) => p.added > 0).map((p) => p.hosting));
    if (this.watch.due(now)) {
      const sweep = await this.watch.sweep(names);
      await this.reportFailures("watch", sweep.failed);
    }
    await this.report.runIfOwed(names);
    await this.prune(now);
  }

  /** Retention: old posts, decided confirmations, audit records and collected errors. */
  private async prune(now: number): Promise<void> {
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    const { store } = this.services;
    await this.ledger.prune();
    await store.confirmations.prune(now - KEEP_DECIDED_MS);
    await store.audit.prune(now);
    await store.errors.prune(now - this.settings.retentionMs);
  }

  /**
   * Starts node-cron: the report at its time, the rest every minute; catches up at once. Both
   * run under one name, so the report never runs beside a tick (which may be posting it).
   */
  start(): void {
    const { timeZone, reportCron } = this.settings;
    this.scheduler.add("tick", "* * * * *", timeZone, () => this.tick(), LANE);
    const report = async () => {
      const names = (await this.namesOrReport()) ?? this.lastNames;
      if (names) await this.report.runIfOwed(names);
    };
    this.scheduler.add("report", reportCron, timeZone, report, LANE);
    void this.scheduler.runOnce(LANE, () => this.tick());
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    this.times.dispose();
    this.detach();
  }

  /** The hostings, or undefined after saying (once) that even the list could not be read. */
  private async namesOrReport(): Promise<string[] | undefined> {
    const retry = { retries: this.settings.retries, baseMs: this.settings.retryBaseMs, sleep: this.sleep };
    const answer = await withRetry(() => this.names(), retry);
    if (answer.ok) {
      this.lastNames = answer.value;
      return answer.value;
    }
    await this.reportFailures("watch", [{ hosting: "*", error: answer.error }]);
    return undefined;
  }

  /**
   * One message when a job starts failing to read something; quiet until it has run clean
   * for a while (a flapping API does not post on every failure), at most one post an hour.
   */
  private async reportFailures(job: "watch" | "collect", failed: { hosting: string; error: unknown }[]): Promise<void> {
    const state = await this.failures.load();
    state.lastFailedAt ??= {};
    const now = this.services.clock.now();
    if (failed.length === 0) {
      const last = state.lastFailedAt[job];
      if (state.open[job] !== undefined && (last === undefined || now - last >= QUIET_MS)) {
        delete state.open[job];
        delete state.lastFailedAt[job];
        await this.failures.save();
      }
      return;
    }
    state.lastFailedAt[job] = now;
    if (state.open[job] !== undefined) return this.failures.save();
    const { t, language } = channelVoice(this.services);
    const items = failed.slice(0, 10).map(({ hosting, error }) =>
      t("jobs:failure.item", { hosting: hosting === "*" ? t("jobs:failure.list") : hosting, reason: errorText(t, this.logger, error) }),
    );
    if (failed.length > 10) items.push(t("report.more", { count: failed.length - 10 }));
    const hour = new Date(now).toISOString().slice(0, 13);
    const reply = failureReply({ language, timeZone: this.settings.timeZone }, job, items, now);
    // Open only once a channel took it: otherwise the next failing tick tries again.
    const posted = await this.ledger.postOnce(`failure:${job}:${hour}`, reply, {});
    if (posted || (await this.ledger.done(`failure:${job}:${hour}`))) state.open[job] = now;
    await this.failures.save();
  }
}
