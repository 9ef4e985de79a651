// The scheduled work of a running bot: error collection, the daily report, hold-expiry
// warnings and the state watch. `tick()` does whatever is due on the app's clock, so tests
// (and the sandbox's `advance`) drive it without waiting; node-cron calls it in production.
import { join, dirname } from "node:path";
import type { App } from "../app.ts";
import { channelLanguage } from "../core/announce.ts";
import { errorText } from "../core/errorText.ts";
import type { Services } from "../core/services.ts";
import { translator } from "../i18n/index.ts";
import { failureReply } from "./alerts.ts";
import { Collector } from "./collector.ts";
import { CronTimes } from "./cronTimes.ts";
import { ErrorLog, type ErrorSource } from "./errorLog.ts";
import { HoldWarnings } from "./holdWarnings.ts";
import { jobState } from "./jobState.ts";
import { PostLedger } from "./postLedger.ts";
import { ReportJob } from "./reportJob.ts";
import { realSleep, type Sleep, withRetry } from "./retry.ts";
import { Scheduler } from "./scheduler.ts";
import { type JobSettings, jobSettings } from "./settings.ts";
import { StateWatch } from "./watch.ts";

export interface JobsOptions {
  /** Waits between retries (tests pass an instant one). */
  sleep?: Sleep;
  /** State-watch calls in flight at once. */
  concurrency?: number;
}

interface FailureState {
  /** Jobs whose last run could not read something, and when that started. */
  open: Record<string, number>;
}

const registry = new WeakMap<Services, Jobs>();

/** The jobs attached to an app's services (for `/mail report`), if started. */
export const jobsOf = (services: Services): Jobs | undefined => registry.get(services);

export class Jobs {
  readonly settings: JobSettings;
  readonly ledger: PostLedger;
  readonly collector: Collector;
  readonly report: ReportJob;
  readonly watch: StateWatch;
  readonly holds: HoldWarnings;
  private readonly scheduler: Scheduler;
  private readonly logger;

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
    this.holds = new HoldWarnings(services, this.ledger, settings, (h) => this.watch.lastState(h));
    this.scheduler = new Scheduler(this.logger);
  }

  static async create(app: App, options: JobsOptions = {}): Promise<Jobs> {
    const settings = jobSettings(app.env);
    const times = new CronTimes(settings.reportCron, settings.timeZone);
    const file = join(dirname(app.env.MAILBRAKE_DATA_FILE), "errors.jsonl");
    const errors = await ErrorLog.open(file, settings.retentionMs, app.services.clock);
    const names = () => app.engine.hostings.list();
    const jobs = new Jobs(app.services, names, settings, errors, times, options.sleep ?? realSleep, options.concurrency ?? 16);
    registry.set(app.services, jobs);
    return jobs;
  }

  /** Everything due now: error polls, the state watch, hold warnings, an owed report. */
  async tick(): Promise<void> {
    const names = await this.namesOrReport();
    if (!names) return;
    const now = this.services.clock.now();
    const polls = await this.collector.poll(this.collector.due(names));
    await this.reportFailures("collect", polls.filter((p) => p.error !== undefined).map((p) => ({ hosting: p.hosting, error: p.error })));
    if (this.watch.due(now)) {
      const sweep = await this.watch.sweep(names);
      await this.reportFailures("watch", sweep.failed);
    }
    await this.holds.check();
    await this.report.runIfOwed();
    this.ledger.prune();
    await this.services.store.save();
  }

  /** Starts node-cron: the report at its time, the rest every minute; catches up at once. */
  start(): void {
    const { timeZone, reportCron } = this.settings;
    this.scheduler.add("tick", "* * * * *", timeZone, () => this.tick());
    this.scheduler.add("report", reportCron, timeZone, async () => {
      await this.report.runIfOwed();
    });
    void this.scheduler.runOnce("tick", () => this.tick());
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    this.times.dispose();
    registry.delete(this.services);
  }

  /** The hostings, or undefined after saying (once) that even the list could not be read. */
  private async namesOrReport(): Promise<string[] | undefined> {
    const retry = { retries: this.settings.retries, baseMs: this.settings.retryBaseMs, sleep: this.sleep };
    const answer = await withRetry(() => this.names(), retry);
    if (answer.ok) return answer.value;
    await this.reportFailures("watch", [{ hosting: "*", error: answer.error }]);
    return undefined;
  }

  /** One message when a job starts failing to read something; quiet until it recovers. */
  private async reportFailures(job: "watch" | "collect", failed: { hosting: string; error: unknown }[]): Promise<void> {
    const state = jobState<FailureState>(this.services.store, "failures", () => ({ open: {} }));
    if (failed.length === 0) {
      delete state.open[job];
      return;
    }
    if (state.open[job] !== undefined) return;
    const now = this.services.clock.now();
    state.open[job] = now;
    const language = channelLanguage(this.services);
    const t = translator(language);
    const items = failed.slice(0, 10).map(({ hosting, error }) =>
      t("jobs:failure.item", { hosting: hosting === "*" ? t("jobs:failure.list") : hosting, reason: errorText(t, this.logger, error) }),
    );
    if (failed.length > 10) items.push(t("report.more", { count: failed.length - 10 }));
    await this.ledger.postOnce(`failure:${job}:${now}`, failureReply({ language, timeZone: this.settings.timeZone }, job, items, now), {});
  }
}
