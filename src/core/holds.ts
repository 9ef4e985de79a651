// When each stopped hosting's 72-hour hold started. The provider does not say, so the bot
// records the time it blocked a hosting, or the first time it saw one stopped ("at the latest").
import { isStopped, type MailState } from "../hosting/port.ts";
import type { Hold } from "../store/schema.ts";
import type { Store } from "../store/store.ts";

export const HOLD_MS = 72 * 3_600_000;

/** Updates the recorded hold from a state just read; returns the hold if stopped. */
export function observeHold(
  store: Store,
  hosting: string,
  state: MailState,
  now: number,
): Hold | undefined {
  const holds = store.data.holds;
  if (!isStopped(state)) {
    delete holds[hosting];
    return undefined;
  }
  holds[hosting] ??= { since: now, exact: false };
  return holds[hosting];
}

export function recordBlock(store: Store, hosting: string, now: number): void {
  store.data.holds[hosting] = { since: now, exact: true };
}

export const holdEnd = (hold: Hold): number => hold.since + HOLD_MS;
