// Warnings before a 72-hour hold runs out (default 24 h, 6 h and 1 h before), each exactly
// once per hold. After downtime only the closest threshold passed is posted; the ones it
// overtook are recorded as skipped so they never come late.
import { channelLanguage } from "../core/announce.ts";
import { holdEnd, observeHold } from "../core/holds.ts";
import type { Services } from "../core/services.ts";
import type { MailState } from "../hosting/port.ts";
import { holdOffers, holdWarningReply } from "./alerts.ts";
import { offerButtons } from "./offers.ts";
import type { PostLedger } from "./postLedger.ts";
import type { JobSettings } from "./settings.ts";

const HOUR = 3_600_000;

export class HoldWarnings {
  constructor(
    private readonly services: Services,
    private readonly ledger: PostLedger,
    private readonly settings: JobSettings,
    /** The last state the watch saw, if any. */
    private readonly lastState: (hosting: string) => MailState | undefined,
  ) {}

  /** Posts the warnings due now; returns how many were posted. */
  async check(): Promise<number> {
    const now = this.services.clock.now();
    let posted = 0;
    for (const [hosting, hold] of Object.entries(await this.services.store.holds.all())) {
      const end = holdEnd(hold);
      if (this.lastState(hosting) === "purging" || now >= end) continue;
      const passed = this.settings.holdWarnHours.filter((h) => end - h * HOUR <= now);
      const closest = passed[passed.length - 1];
      if (closest === undefined) continue;
      const keyOf = (h: number) => `hold:${hosting}:${hold.since}:${h}`;
      if (await this.ledger.done(keyOf(closest))) continue;
      // A warning states the state of now, not the one the watch saw minutes ago.
      const state = await this.currentState(hosting);
      const current = await observeHold(this.services.store, hosting, state, now);
      if (current?.since !== hold.since || state === "purging") continue;
      for (const h of passed.slice(0, -1)) await this.ledger.skip(keyOf(h));
      const language = channelLanguage(this.services, hosting);
      const w = { language, timeZone: this.settings.timeZone };
      const buttons = await offerButtons(this.services.store, { hosting, language, now, expiresAt: end }, holdOffers(w, state));
      const reply = holdWarningReply(
        w,
        { hosting, state, since: hold.since, exact: hold.exact, end, now, by: hold.by?.name, reason: hold.reason },
        buttons,
      );
      if (await this.ledger.postOnce(keyOf(closest), reply, { hosting })) posted += 1;
    }
    return posted;
  }

  /**
   * The state read now. When the provider cannot be read the warning still goes out (a hold
   * running out matters most during an outage), with the last state the watch saw.
   */
  private async currentState(hosting: string): Promise<MailState> {
    try {
      return (await this.services.provider.getMail(hosting)).state;
    } catch (error) {
      this.services.logger.warn({ err: error, hosting }, "hold warning: cannot read the current state");
      return this.lastState(hosting) ?? "ko";
    }
  }
}
