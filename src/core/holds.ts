// When each stopped hosting's 72-hour hold started. The provider does not say, so the bot
// records the time it blocked a hosting, or the first time it saw one stopped ("at the latest").
import { isStopped, type MailState } from "../hosting/port.ts";
import type { StorePort } from "../store/port.ts";
import type { Follow, Hold, Person } from "../store/schema.ts";

export const HOLD_MS = 72 * 3_600_000;

/** Updates the recorded hold from a state just read; returns the hold if stopped. */
export function observeHold(store: StorePort, hosting: string, state: MailState, now: number): Promise<Hold | undefined> {
  return store.holds.observe(hosting, isStopped(state), now);
}

/** The bot blocked it now: an exact hold, with who confirmed the block and why. */
export function recordBlock(store: StorePort, hosting: string, now: number, by?: Person, reason?: string): Promise<void> {
  const hold: Hold = { since: now, exact: true };
  if (by) hold.by = by;
  if (reason) hold.reason = reason;
  return store.holds.record(hosting, hold);
}

/**
 * The unblock or purge asked for this hosting that has not taken effect yet, read from the
 * follows the bot keeps: an unblock while the state is still the one it left, a purge while
 * the state is `purging`. A follow the state has moved past is not pending any more.
 */
export async function pendingAction(store: StorePort, hosting: string, state: MailState): Promise<Follow | undefined> {
  const newest = (await store.follows.all())
    .filter((f) => f.hosting === hosting)
    .sort((a, b) => b.startedAt - a.startedAt)[0];
  if (!newest) return undefined;
  if (newest.mutation === "purge") return state === "purging" ? newest : undefined;
  return state === newest.fromState ? newest : undefined;
}

export const holdEnd = (hold: Hold): number => hold.since + HOLD_MS;
