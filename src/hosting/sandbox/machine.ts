// The state machine of DOMAIN.md's transition table: customer actions, the transitions
// that complete later (unblock, purge), and the provider's automatic stops.
import { HostingError, isStopped, type MailAction } from "../port.ts";
import { countSent, heldCount, holdMail, logErrors, rollDay } from "./ledger.ts";
import type { Rng } from "./rng.ts";
import type { HostingRecord } from "./schema.ts";
import { MINUTE } from "./time.ts";

export interface MachineContext {
  rng: Rng;
  unblockDelayMs: readonly [number, number];
  purgeDurationMs: readonly [number, number];
  newTask(): string;
}

export const BLOCK_FIRST =
  "Firstly, you need to block the sending of emails before you can purge them";

/** Burst rule: more than this many mails within BURST_WINDOW_MS stops sending (ko). */
export const BURST_LIMIT = 300;
export const BURST_WINDOW_MS = 10 * MINUTE;
/** Error-ratio rule: over the last RATIO_WINDOW mails (at least RATIO_MIN_SAMPLE). */
export const RATIO_WINDOW = 200;
export const RATIO_MIN_SAMPLE = 50;
export const RATIO_LIMIT = { ok: 0.15, force: 0.3 } as const;

export const SPAM_DRILL_MAILS = 250;
const SPAM_DRILL_ERROR_RATE = 0.4;

/**
 * A refusal worded as a provider words it: its own sentence, no state in it (the real API's
 * wording is undocumented, and mailbrake never parses it). The state travels in the details.
 */
function refuse(record: HostingRecord, action: MailAction, message: string): never {
  throw new HostingError("refused", message, {
    hosting: record.name,
    state: record.state,
    action,
  });
}

const drawDelay = (rng: Rng, [min, max]: readonly [number, number]): number => rng.int(min, max);

/** Applies a customer request at `now`; returns the provider's task reference. */
export function applyAction(
  record: HostingRecord,
  action: MailAction,
  now: number,
  ctx: MachineContext,
): string {
  const state = record.state;
  if (state === "purging") {
    refuse(record, action, "An operation is already in progress on this service. Please try again in a few minutes.");
  }
  switch (action) {
    case "BLOCK": {
      if (isStopped(state)) refuse(record, action, "The sending of emails is already blocked for this service.");
      record.state = "ko";
      return ctx.newTask();
    }
    case "UNBLOCK": {
      if (state === "spam") {
        refuse(record, action, "This service was blocked for spam. Please contact our support to unblock it.");
      }
      if (state !== "ko" && state !== "bounce") {
        refuse(record, action, "The sending of emails is not blocked for this service.");
      }
      // A second UNBLOCK while one is pending is accepted and changes nothing.
      if (record.pending?.kind === "release") return record.pending.task;
      const task = ctx.newTask();
      const at = now + drawDelay(ctx.rng, ctx.unblockDelayMs);
      record.pending = { kind: "release", to: state === "bounce" ? "force" : "ok", at, task };
      return task;
    }
    case "PURGE": {
      if (!isStopped(state)) refuse(record, action, BLOCK_FIRST);
      const task = ctx.newTask();
      record.state = "purging";
      record.held = [];
      record.pending = { kind: "purge", at: now + drawDelay(ctx.rng, ctx.purgeDurationMs), task };
      return task;
    }
  }
}

/** Completes a due pending transition; returns whether one completed. */
export function completePending(record: HostingRecord, t: number, rng: Rng): boolean {
  const pending = record.pending;
  if (!pending || pending.at > t) return false;
  rollDay(record, pending.at);
  if (pending.kind === "release") {
    const delivered = heldCount(record);
    countSent(record, delivered);
    logErrors(record, rng, rng.binomial(delivered, record.profile.errorRate), pending.at);
    record.state = pending.to;
  } else {
    record.state = "ok";
  }
  record.held = [];
  // Sending starts afresh: the rules judge the mail sent from now on.
  record.recent = [];
  record.pending = null;
  return true;
}

/** The provider's checks after a minute of sending in ok/force (bucket at `t` just added). */
export function applyAutomaticRules(record: HostingRecord, t: number): void {
  if (record.state !== "ok" && record.state !== "force") return;
  trimRecent(record, t);
  let burst = 0;
  for (const bucket of record.recent) if (bucket.at > t - BURST_WINDOW_MS) burst += bucket.sent;
  // A maximum of 0 means none is set (the control panel then shows no "/ maximum").
  const overDaily = record.maxPerDay > 0 && record.sentToday > record.maxPerDay;
  if (overDaily || burst > BURST_LIMIT) {
    record.state = "ko";
    return;
  }
  const newest = record.recent[record.recent.length - 1];
  if (!newest || newest.errors === 0) return; // the ratio only grows when errors come in
  let sent = 0;
  let errors = 0;
  for (let i = record.recent.length - 1; i >= 0 && sent < RATIO_WINDOW; i--) {
    sent += record.recent[i]!.sent;
    errors += record.recent[i]!.errors;
  }
  if (sent >= RATIO_MIN_SAMPLE && errors / sent > RATIO_LIMIT[record.state])
    record.state = "bounce";
}

/** Keeps the buckets of the burst window and those covering the last RATIO_WINDOW mails. */
function trimRecent(record: HostingRecord, t: number): void {
  let total = record.recent.reduce((sum, bucket) => sum + bucket.sent, 0);
  let drop = 0;
  for (const bucket of record.recent) {
    if (bucket.at > t - BURST_WINDOW_MS || total - bucket.sent < RATIO_WINDOW) break;
    total -= bucket.sent;
    drop++;
  }
  if (drop > 0) record.recent.splice(0, drop);
}

/** Sandbox drill: a burst of spam-like traffic, then the provider stops sending (spam). */
export function spamDrill(record: HostingRecord, t: number, rng: Rng): void {
  if (record.state === "purging") {
    throw new HostingError(
      "refused",
      `Cannot run a spam drill on ${record.name}: the held emails are being purged`,
      { hosting: record.name, state: record.state },
    );
  }
  rollDay(record, t);
  if (isStopped(record.state)) {
    holdMail(record, t, SPAM_DRILL_MAILS);
  } else {
    countSent(record, SPAM_DRILL_MAILS);
    const errors = rng.binomial(SPAM_DRILL_MAILS, SPAM_DRILL_ERROR_RATE);
    logErrors(record, rng, errors, t, MINUTE, true);
  }
  record.state = "spam";
  record.pending = null;
}
