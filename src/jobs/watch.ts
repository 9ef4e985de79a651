// The state watch: reads every hosting every few minutes (a bounded number of calls in
// flight). A move to spam, bounce or ko the bot did not cause posts an alert with offers;
// a return to ok updates it with an all-clear. A volume spike posts one alert per incident
// (per hosting and UTC day), updated in place.
import { channelLanguage } from "../core/announce.ts";
import { HOLD_MS, observeHold } from "../core/holds.ts";
import type { Services } from "../core/services.ts";
import { type HostingMail, isSending, type MailState, type Volume } from "../hosting/port.ts";
import { volumeDay } from "../hosting/providerDate.ts";
import {
  type AlertState,
  type Spike,
  type StateAlert,
  spikeOffers,
  spikeReply,
  stateAlertOffers,
  stateAlertReply,
  type Words,
} from "./alerts.ts";
import { JobState } from "./jobState.ts";
import { type Seen, type WatchState, watchStateSchema } from "./watchState.ts";
import { offerButtons } from "./offers.ts";
import type { PostLedger } from "./postLedger.ts";
import { type Attempt, mapLimit, ProviderPass, type Sleep, withRetry } from "./retry.ts";
import type { JobSettings } from "./settings.ts";

export interface SweepResult {
  read: number;
  failed: { hosting: string; error: unknown }[];
  alerts: number;
}

const ALERT_STATES: readonly MailState[] = ["spam", "bounce", "ko"];
const PROVIDER_STOPS: readonly MailState[] = ["spam", "bounce"];
const USUAL_DAYS = 7;
const MINUTES_PER_DAY = 1440;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class StateWatch {
  constructor(
    private readonly services: Services,
    private readonly ledger: PostLedger,
    private readonly settings: JobSettings,
    private readonly sleep: Sleep,
    private readonly concurrency = 16,
  ) {
    this.kept = new JobState(services.store, "watch", watchStateSchema, () => ({ hostings: {} }));
  }

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
    let posted = await this.retryAlert(hosting, seen, mail.state, now, w);

    if (!before && PROVIDER_STOPS.includes(mail.state)) {
      // First sight (a new hosting, or the bot's first run): a stop by the provider is news
      // worth telling; a plain `ko` may be a deliberate long block and is left alone.
      posted += await this.openAlert(hosting, seen, mail.state as AlertState, now, w);
    }
    if (before && before.state !== mail.state) {
      if (seen.alert) await this.updateAlert(seen, mail.state, now, w);
      const isAlertState = ALERT_STATES.includes(mail.state);
      if (isAlertState && !(mail.state === "ko" && blockedByBot)) {
        posted += await this.openAlert(hosting, seen, mail.state as AlertState, now, w);
      }
      if (seen.spike && !seen.spike.data.stoppedAt && mail.state !== "ok" && mail.state !== "force") {
        seen.spike.data = { ...seen.spike.data, stoppedAt: now, stoppedState: mail.state };
        await this.ledger.edit(seen.spike.key, spikeReply(w, seen.spike.data, []));
      }
    }
    if (isSending(mail.state)) posted += await this.checkSpike(hosting, mail, before, seen, now, w);
    return posted;
  }

  /** The bot blocked it since the last look: its own block records an exact hold. */
  private async blockedByBot(hosting: string, before: Seen | undefined): Promise<boolean> {
    const hold = await this.services.store.holds.get(hosting);
    return hold?.exact === true && (before === undefined || hold.since >= before.at);
  }

  private async openAlert(hosting: string, seen: Seen, state: AlertState, now: number, w: Words): Promise<number> {
    const hold = await this.services.store.holds.get(hosting);
    const since = hold?.since ?? now;
    const key = `state:${hosting}:${state}:${since}`;
    if (await this.ledger.done(key)) return 0;
    const data: StateAlert = { hosting, state, seenAt: now, holdEnd: since + HOLD_MS, updates: [] };
    const buttons = await offerButtons(
      this.services.store,
      { hosting, language: w.language, now, expiresAt: data.holdEnd },
      stateAlertOffers(w, state),
    );
    seen.alert = { key, data };
    return (await this.ledger.postOnce(key, stateAlertReply(w, data, buttons), { hosting })) ? 1 : 0;
  }

  /** An alert no channel accepted is posted again while its state lasts. */
  private async retryAlert(hosting: string, seen: Seen, state: MailState, now: number, w: Words): Promise<number> {
    const alert = seen.alert;
    if (!alert || alert.data.updates.length > 0 || alert.data.state !== state || (await this.ledger.done(alert.key))) return 0;
    const buttons = await offerButtons(
      this.services.store,
      { hosting, language: w.language, now, expiresAt: alert.data.holdEnd },
      stateAlertOffers(w, alert.data.state),
    );
    return (await this.ledger.postOnce(alert.key, stateAlertReply(w, alert.data, buttons), { hosting })) ? 1 : 0;
  }

  /** Notes a later state on the open alert; a return to sending closes it with an all-clear. */
  private async updateAlert(seen: Seen, state: MailState, now: number, w: Words): Promise<void> {
    const alert = seen.alert;
    if (!alert) return;
    alert.data = { ...alert.data, updates: [...alert.data.updates, { state, at: now }] };
    const cleared = isSending(state);
    // The buttons go: they offered what fitted the state first seen; a new stop gets its own alert.
    const reply = stateAlertReply(w, alert.data, []);
    await this.ledger.edit(alert.key, reply);
    if (cleared) seen.alert = undefined;
  }

  private async checkSpike(
    hosting: string,
    mail: HostingMail,
    before: Seen | undefined,
    seen: Seen,
    now: number,
    w: Words,
  ): Promise<number> {
    const undelivered = seen.spike && !(await this.ledger.done(seen.spike.key)) ? seen.spike : undefined;
    if (undelivered) {
      // No channel took it before: post it again rather than edit nothing.
      const reply = spikeReply(w, undelivered.data, undelivered.buttons ?? []);
      return (await this.ledger.postOnce(undelivered.key, reply, { hosting })) ? 1 : 0;
    }
    // Sending just came back: what was sent since the last look includes the held e-mails
    // released at once. That burst is expected (the unblock's announcement says so), not a spike.
    if (before && !isSending(before.state)) return 0;
    const { spikeFactor, spikeMinMails, spikeDailyShare } = this.settings;
    const shareHit = mail.maxPerDay > 0 && mail.sentToday >= spikeDailyShare * mail.maxPerDay;
    let burst: Spike["burst"];
    if (before && before.day === seen.day && mail.sentToday > before.sentToday && now > before.at) {
      const sent = mail.sentToday - before.sentToday;
      const minutes = (now - before.at) / 60_000;
      // Unknown usual volume (unreadable): no rate rule rather than an infinite factor.
      const usual = await this.usualPerMinute(hosting, seen);
      const factor = usual === undefined ? 0 : usual > 0 ? sent / minutes / usual : Number.POSITIVE_INFINITY;
      if (sent >= spikeMinMails && factor >= spikeFactor) burst = { sent, minutes: Math.round(minutes), factor };
    }
    if (!shareHit && !burst) return 0;
    const data: Spike = {
      hosting,
      at: now,
      sentToday: mail.sentToday,
      maxPerDay: mail.maxPerDay,
      burst: burst ?? seen.spike?.data.burst,
    };
    if (seen.spike) {
      seen.spike.data = { ...data, at: seen.spike.data.at };
      await this.ledger.edit(seen.spike.key, spikeReply(w, seen.spike.data, seen.spike.buttons ?? []));
      return 0;
    }
    const key = `spike:${hosting}:${seen.day}`;
    if (await this.ledger.done(key)) return 0;
    const buttons = await offerButtons(
      this.services.store,
      { hosting, language: w.language, now, expiresAt: now + HOLD_MS },
      spikeOffers(w),
    );
    seen.spike = { key, data, buttons };
    return (await this.ledger.postOnce(key, spikeReply(w, data, buttons), { hosting })) ? 1 : 0;
  }

  /** Undefined when the volume history cannot be read. */
  private async usualPerMinute(hosting: string, seen: Seen): Promise<number | undefined> {
    if (seen.usual?.day === seen.day) return seen.usual.perMinute;
    const retry = { retries: this.settings.retries, baseMs: this.settings.retryBaseMs, sleep: this.sleep };
    const answer: Attempt<Volume[]> = await withRetry(
      () => this.services.provider.volumes(hosting),
      retry,
    );
    if (!answer.ok) return undefined;
    // `seen.day` is a UTC day: the history's dates (date-times with an offset) are compared as such.
    const past = answer.value.filter((v) => volumeDay(v.date, "UTC") < seen.day).slice(0, USUAL_DAYS);
    const perMinute = past.length > 0 ? past.reduce((s, v) => s + (v.volume ?? 0), 0) / past.length / MINUTES_PER_DAY : 0;
    seen.usual = { day: seen.day, perMinute };
    return perMinute;
  }
}
