// When each stopped hosting's 72-hour hold started. The provider does not say, so the bot
// records the time it blocked a hosting, or the first time it saw one stopped ("at the latest").
import { isStopped, type MailState } from "../hosting/port.ts";
import type { StorePort } from "../store/port.ts";
import type { Hold } from "../store/schema.ts";

export const HOLD_MS = 72 * 3_600_000;

/** Updates the recorded hold from a state just read; returns the hold if stopped. */
export function observeHold(store: StorePort, hosting: string, state: MailState, now: number): Promise<Hold | undefined> {
  return store.holds.observe(hosting, isStopped(state), now);
}

export function recordBlock(store: StorePort, hosting: string, now: number): Promise<void> {
  return store.holds.record(hosting, { since: now, exact: true });
}

export const holdEnd = (hold: Hold): number => hold.since + HOLD_MS;
