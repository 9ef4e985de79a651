// Spike detection: a burst of mails at several times the usual rate, or a day's share of the
// daily maximum, posts one alert per hosting and UTC day, updated in place (and marked when
// the hosting stops afterwards).
import { HOLD_MS } from "../core/holds.ts";
import type { Services } from "../core/services.ts";
import { type HostingMail, isSending, type MailState, type Volume } from "../hosting/port.ts";
import { volumeDay } from "../hosting/providerDate.ts";
import { type Spike, spikeOffers, spikeReply, type Words } from "./alerts.ts";
import { offerButtons } from "./offers.ts";
import type { PostLedger } from "./postLedger.ts";
import { type Attempt, type Sleep, withRetry } from "./retry.ts";
import type { JobSettings } from "./settings.ts";
import type { Seen } from "./watchState.ts";

const USUAL_DAYS = 7;
const MINUTES_PER_DAY = 1440;

export class SpikeDetector {
  constructor(
    private readonly services: Services,
    private readonly ledger: PostLedger,
    private readonly settings: JobSettings,
    private readonly sleep: Sleep,
  ) {}

  /** The hosting stopped after a spike: the spike's alert says so (its buttons go). */
  async stopped(seen: Seen, state: MailState, now: number, w: Words): Promise<void> {
    if (!seen.spike || seen.spike.data.stoppedAt || isSending(state)) return;
    seen.spike.data = { ...seen.spike.data, stoppedAt: now, stoppedState: state };
    await this.ledger.edit(seen.spike.key, spikeReply(w, seen.spike.data, []));
  }

  async check(
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
