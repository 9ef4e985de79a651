// The state watch: reads every hosting every few minutes (a bounded number of calls in
// flight) and hands what it saw to the state alerts (stateAlerts.ts) and the spike
// detection (spikes.ts).
import { channelLanguage } from "../core/announce.ts";
import { observeHold } from "../core/holds.ts";
import type { Services } from "../core/services.ts";
import { type HostingMail, isSending, type MailState } from "../hosting/port.ts";
import type { AlertState, Words } from "./alerts.ts";
import { JobState } from "./jobState.ts";
import { SpikeDetector } from "./spikes.ts";
import { StateAlerts } from "./stateAlerts.ts";
import { type Seen, type WatchState, watchStateSchema } from "./watchState.ts";
import type { PostLedger } from "./postLedger.ts";
import { mapLimit } from "../core/mapLimit.ts";
import { ProviderPass, type Sleep } from "./retry.ts";
import type { JobSettings } from "./settings.ts";

export interface SweepResult {
  read: number;
  failed: { hosting: string; error: unknown }[];
  alerts: number;
}

const ALERT_STATES: readonly MailState[] = ["spam", "bounce", "ko"];
const PROVIDER_STOPS: readonly MailState[] = ["spam", "bounce"];
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class StateWatch {
  constructor(
    private readonly services: Services,readonly ledger: PostLedger,
    private readonly settings: JobSettings,
    private readonly sleep: Sleep,
    private readonly concurrency = 16,
  ) {
    this.kept = new JobState(services.store, "watch", watchStateSchema, () => ({ hostings: {} }));
    this.alerts = new StateAlerts(services, ledger);
    this.spikes = new SpikeDetector(services, ledger, settings, sleep);
  }

  private readonly alerts: StateAlerts;
  private readonly spikes: SpikeDetector;

  private readonly kept: JobState<typeof watchStateSchema>;

  /** Reads the kept state (before the first `due` or `lastState`). */
  async load(): Promise<void> {
    await this.kept.load();
  }

  private get state(): WatchState {
    return this.kept.current;
  }

  lastState(hosting: string): MailState | undefined {
    return this.state.hostings[hosting]?.state;
  }

  due(now: number): boolean {
    const last = this.state.lastSweepAt;
    return last === undefined || now - last >= this.settings.watchEveryMs;
  }

  /** Reads every hosting once and acts on what changed. */
  async sweep(names: readonly string[]): Promise<SweepResult> {
    await this.kept.load();
    const pass = new ProviderPass({ retries: this.settings.retries, baseMs: this.settings.retryBaseMs, sleep: this.sleep });
    const answers = await mapLimit(names, this.concurrency, async (hosting) => ({
      hosting,
      answer: await pass.call(() => this.services.provider.getMail(hosting)),
    }));
    const result: SweepResult = { read: 0, failed: [], alerts: 0 };
    for (const { hosting, answer } of answers) {
      if (!answer.ok) {
        result.failed.push({ hosting, error: answer.error });
        continue;
      }
      result.read += 1;
      result.alerts += await this.observe(hosting, answer.value);
    }
    this.state.lastSweepAt = this.services.clock.now();
    await this.kept.save();
    return result;
  }

  private async observe(hosting: string, mail: HostingMail): Promise<number> {
    const { store, clock } = this.services;
    const now = clock.now();
    const before = this.state.hostings[hosting];
    const blockedByBot = await this.blockedByBot(hosting, before);
    await observeHold(store, hosting, mail.state, now);
    const seen: Seen = {
      state: mail.state,
      at: now,
      sentToday: mail.sentToday,
      day: utcDay(now),
      alert: before?.alert,
      spike: before?.spike?.key.endsWith(utcDay(now)) ? before.spike : undefined,
      usual: before?.usual,
    };
    this.state.hostings[hosting] = seen;
    const w: Words = { language: channelLanguage(this.services, hosting), timeZone: this.settings.timeZone };
    let posted = await this.alerts.retry(hosting, seen, mail.state, now, w);

    if (!before && PROVIDER_STOPS.includes(mail.state)) {
      // First sight (a new hosting, or the bot's first run): a stop by the provider is news
      // worth telling; a plain `ko` may be a deliberate long block and is left alone.
      posted += await this.alerts.open(hosting, seen, mail.state as AlertState, now, w);
    }
    if (before && before.state !== mail.state) {
      if (seen.alert) await this.alerts.update(seen, mail.state, now, w);
      const isAlertState = ALERT_STATES.includes(mail.state);
      if (isAlertState && !(mail.state === "ko" && blockedByBot)) {
        posted += await this.alerts.open(hosting, seen, mail.state as AlertState, now, w);
      }
      await this.spikes.stopped(seen, mail.state, now, w);
    }
    if (isSending(mail.state)) posted += await this.spikes.check(hosting, mail, before, seen, now, w);
    return posted;
  }

  /** The bot blocked it since the last look: its own block records an exact hold. */
  private async blockedByBot(hosting: string, before: Seen | undefined): Promise<boolean> {
    const hold = await this.services.store.holds.get(hosting);
    return hold?.exact === true && (before === undefined || hold.since >= before.at);
  }
}
