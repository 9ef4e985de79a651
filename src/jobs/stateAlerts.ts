// State alerts: a move to spam, bounce or ko the bot did not cause posts an alert with
// offers; later states are noted on it, and a return to sending closes it with an all-clear.
// An alert no channel took is posted again while its state lasts.
import { HOLD_MS } from "../core/holds.ts";
import type { Services } from "../core/services.ts";
import { isSending, type MailState } from "../hosting/port.ts";
import { type AlertState, type StateAlert, stateAlertOffers, stateAlertReply, type Words } from "./alerts.ts";
import { offerButtons } from "./offers.ts";
import type { PostLedger } from "./postLedger.ts";
import type { Seen } from "./watchState.ts";

export class StateAlerts {
  constructor(
    private readonly services: Services,
    private readonly ledger: PostLedger,
  ) {}

  async open(hosting: string, seen: Seen, state: AlertState, now: number, w: Words): Promise<number> {
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
  async retry(hosting: string, seen: Seen, state: MailState, now: number, w: Words): Promise<number> {
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
  async update(seen: Seen, state: MailState, now: number, w: Words): Promise<void> {
    const alert = seen.alert;
    if (!alert) return;
    alert.data = { ...alert.data, updates: [...alert.data.updates, { state, at: now }] };
    const cleared = isSending(state);
    // The buttons go: they offered what fitted the state first seen; a new stop gets its own alert.
    const reply = stateAlertReply(w, alert.data, []);
    await this.ledger.edit(alert.key, reply);
    if (cleared) seen.alert = undefined;
  }
}
