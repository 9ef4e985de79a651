// The words of alerts and warnings (pure: data in, reply out), in the channel's language.
import { cardText } from "../core/cards/cardText.ts";
import { stateLabel } from "../core/cards/stateWords.ts";
import type { Block, Button, Card, Reply, Tone } from "../core/reply.ts";
import { isSending, type MailState } from "../hosting/port.ts";
import type { Language } from "../i18n/index.ts";
import { voiceOf } from "../i18n/voice.ts";

export interface Words {
  language: Language;
  timeZone: string;
}

const words = ({ language, timeZone }: Words) => voiceOf(language, timeZone);

function reply(title: string, tone: Tone, lines: string[], buttons: Button[], notes: string[] = []): Reply {
  const blocks: Block[] = lines.map((text) => ({ type: "text", text }));
  for (const text of notes) blocks.push({ type: "context", text });
  if (buttons.length > 0) blocks.push({ type: "actions", buttons });
  const card: Card = { title, tone, blocks };
  return { text: cardText(card), card, visibility: "channel" };
}

export type AlertState = "spam" | "bounce" | "ko";

export interface StateAlert {
  hosting: string;
  state: AlertState;
  seenAt: number;
  holdEnd: number;
  /** Later events, oldest first: state changes since the alert, or the all-clear. */
  updates: { state: MailState; at: number }[];
}

export function stateAlertReply(w: Words, alert: StateAlert, buttons: Button[]): Reply {
  const { t, dateTime: when } = words(w);
  const { hosting, state } = alert;
  const lines = [
    t(`jobs:alert.${state}.what`, { hosting, time: when(alert.seenAt) }),
    t("jobs:alert.held", { time: when(alert.holdEnd) }),
    t(`jobs:alert.${state}.todo`),
  ];
  const notes = alert.updates.map((u) =>
    isSending(u.state)
      ? t("jobs:alert.allClear", { hosting, state: stateLabel(t, u.state), time: when(u.at) })
      : t("jobs:alert.nowState", { state: stateLabel(t, u.state), time: when(u.at) }),
  );
  const last = alert.updates[alert.updates.length - 1];
  const cleared = last !== undefined && isSending(last.state);
  return reply(t(`jobs:alert.${state}.title`, { hosting }), cleared ? "success" : "danger", lines, buttons, notes);
}

export function stateAlertOffers(w: Words, state: AlertState) {
  const { t } = words(w);
  const purge = { mutation: "purge", label: t("jobs:button.purge") } as const;
  if (state === "spam") return [purge];
  const unblock = state === "bounce"
    ? ({ mutation: "unblock", label: t("jobs:button.unblockDoubles") } as const)
    : ({ mutation: "unblock", label: t("jobs:button.unblock") } as const);
  return [unblock, purge];
}

export interface Spike {
  hosting: string;
  at: number;
  sentToday: number;
  maxPerDay: number;
  /** Mails in the last interval and how many times the usual rate, when the rate rule fired. */
  burst?: { sent: number; minutes: number; factor: number };
  /** Set once sending was stopped (by the bot or the provider). */
  stoppedAt?: number;
  stoppedState?: MailState;
}

export function spikeReply(w: Words, spike: Spike, buttons: Button[]): Reply {
  const { t, dateTime: when, number, percent } = words(w);
  const lines: string[] = [];
  if (spike.burst) {
    const { sent, minutes, factor } = spike.burst;
    const vars = { sent: number(sent), minutes, factor: number(Math.round(factor)) };
    // A hosting with no usual volume: "N times" would mean nothing.
    lines.push(t(Number.isFinite(factor) ? "jobs:spike.rate" : "jobs:spike.rateFromNothing", vars));
  }
  lines.push(
    t("jobs:spike.share", {
      sent: number(spike.sentToday),
      max: number(spike.maxPerDay),
      share: percent(spike.maxPerDay > 0 ? spike.sentToday / spike.maxPerDay : 0),
    }),
  );
  const notes = [t("jobs:spike.seen", { time: when(spike.at) })];
  if (spike.stoppedAt !== undefined && spike.stoppedState) {
    notes.push(t("jobs:spike.stopped", { state: stateLabel(t, spike.stoppedState), time: when(spike.stoppedAt) }));
  } else {
    lines.push(t("jobs:spike.todo"));
  }
  return reply(t("jobs:spike.title", { hosting: spike.hosting }), spike.stoppedAt ? "info" : "warning", lines, buttons, notes);
}

export const spikeOffers = (w: Words) =>
  [{ mutation: "block", label: words(w).t("jobs:button.block") }] as const;

export interface HoldWarning {
  hosting: string;
  state: MailState;
  since: number;
  exact: boolean;
  end: number;
  now: number;
  /** Who blocked it through the bot, and why. */
  by?: string;
  reason?: string;
}

export function holdWarningReply(w: Words, warning: HoldWarning, buttons: Button[]): Reply {
  const { t, dateTime: when, duration } = words(w);
  const { hosting } = warning;
  const vars = { hosting, since: when(warning.since), end: when(warning.end), state: stateLabel(t, warning.state) };
  const lines = [t(warning.exact ? "jobs:hold.text" : "jobs:hold.textLatest", vars)];
  if (warning.by) {
    const who = { name: warning.by, time: when(warning.since), reason: warning.reason };
    lines.push(t(warning.reason ? "core:status.blockedByLine" : "core:status.blockedByLineNoReason", who));
  }
  lines.push(t(warning.state === "spam" ? "jobs:hold.todoSpam" : "jobs:hold.todo"));
  const title = t("jobs:hold.title", { hosting, left: duration(warning.end - warning.now) });
  return reply(title, "warning", lines, buttons);
}

export function holdOffers(w: Words, state: MailState) {
  const { t } = words(w);
  const purge = { mutation: "purge", label: t("jobs:button.purge") } as const;
  if (state === "spam") return [purge];
  return [{ mutation: "unblock", label: t("jobs:button.unblock") } as const, purge];
}

export function failureReply(w: Words, job: "watch" | "collect", items: string[], at: number): Reply {
  const { t, dateTime: when } = words(w);
  return reply(t("jobs:failure.title"), "warning", [
    t(`jobs:failure.${job}`, { list: items.join(", "), time: when(at) }),
  ], []);
}
