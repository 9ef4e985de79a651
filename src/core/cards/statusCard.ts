// The status of one hosting, or a summary of many.
import type { HostingMail } from "../../hosting/port.ts";
import type { Follow, Hold } from "../../store/schema.ts";
import type { Context } from "../context.ts";
import { holdEnd } from "../holds.ts";
import type { Block, Card, Field, Reply } from "../reply.ts";
import { errorText, failureKindOf } from "../errorText.ts";
import { cardText } from "./cardText.ts";
import { stateLabel, stateTone } from "./stateWords.ts";

export interface HostingStatus {
  hosting: string;
  mail: HostingMail;
  hold?: Hold;
  /** An unblock or purge asked for and not in effect yet. */
  pending?: Follow;
}

/** A hosting of a `status all` whose state could not be read, and why. */
export interface UnreadHosting {
  hosting: string;
  error: unknown;
}

export function statusFields(ctx: Context, { mail, hold, pending }: HostingStatus): Field[] {
  const { t } = ctx;
  const errorShare = mail.sent > 0 ? ctx.percent(mail.bounce / mail.sent) : "–";
  const fields: Field[] = [
    { label: t("status.state"), value: stateLabel(t, mail.state, mail.stateName) },
    {
      label: t("status.sentToday"),
      // A maximum of 0 means none is set: the control panel then shows no "/ maximum".
      value:
        mail.maxPerDay > 0
          ? t("status.ofMax", { sent: ctx.number(mail.sentToday), max: ctx.number(mail.maxPerDay) })
          : ctx.number(mail.sentToday),
    },
    { label: t("status.sentTotal"), value: ctx.number(mail.sent) },
    {
      label: t("status.errors"),
      value: t("status.errorsValue", { count: ctx.number(mail.bounce), share: errorShare }),
    },
    { label: t("status.reportTo"), value: mail.reportRecipient || t("status.noRecipient") },
  ];
  if (hold?.by) {
    const vars = { name: hold.by.name, time: ctx.dateTime(hold.since), reason: hold.reason };
    fields.push({ label: t("status.blockedBy"), value: t(hold.reason ? "status.blockedByValue" : "status.blockedByValueNoReason", vars) });
  }
  if (pending) {
    const vars = { name: pending.by.name, time: ctx.dateTime(pending.startedAt) };
    fields.push({ label: t("status.inProgress"), value: t(`status.pending.${pending.mutation}`, vars) });
  }
  if (hold) fields.push(...holdFields(ctx, hold, mail.state === "purging"));
  return fields;
}

function holdFields(ctx: Context, hold: Hold, purging: boolean): Field[] {
  const { t } = ctx;
  const since = ctx.dateTime(hold.since);
  const started = hold.exact ? since : t("status.atTheLatest", { time: since });
  if (purging) return [{ label: t("status.holdStarted"), value: started }];
  const end = holdEnd(hold);
  const left = end - ctx.services.clock.now();
  const endText = left > 0 ? t("status.endsIn", { time: ctx.dateTime(end), left: ctx.duration(left) })
    : t("status.ended", { time: ctx.dateTime(end) });
  return [
    { label: t("status.holdStarted"), value: started },
    { label: t(hold.exact ? "status.holdEnds" : "status.holdEndsLatest"), value: endText },
  ];
}

export function statusReply(ctx: Context, statuses: HostingStatus[], unread: UnreadHosting[] = []): Reply {
  const one = statuses.length === 1 && unread.length === 0 ? statuses[0] : undefined;
  const card = one ? oneCard(ctx, one) : summaryCard(ctx, statuses, statuses.length + unread.length);
  const reasons = unread.map(({ hosting, error }) => ({ name: hosting, error: errorText(ctx.t, ctx.services.logger, error) }));
  if (reasons.length > 0) {
    const lines = reasons.map(({ name, error }) => `• ${error.includes(name) ? error : `${name}: ${error}`}`);
    card.blocks.push({ type: "text", text: [ctx.t("status.unread", { count: reasons.length, total: statuses.length + reasons.length }), ...lines].join("\n") });
    if (card.tone !== "danger") card.tone = "warning";
  }
  const data = {
    hostings: statuses.map(({ hosting, mail, hold, pending }) => ({
      name: hosting,
      ...mail,
      // The provider's own word, as it is, when the model does not list it.
      state: mail.stateName ?? mail.state,
      holdSince: hold ? new Date(hold.since).toISOString() : null,
      holdSinceExact: hold?.exact ?? null,
      blockedBy: hold?.by ?? null,
      blockReason: hold?.reason ?? null,
      pending: pending
        ? { action: pending.mutation, by: pending.by, since: new Date(pending.startedAt).toISOString() }
        : null,
    })),
    unread: reasons,
  };
  const reply: Reply = { text: cardText(card), card, visibility: "requester", data };
  if (unread.length === 0) return reply;
  // A partial answer is not a success for a script: the one-shot command exits non-zero, with
  // "unreachable" when every hosting left out was so (worth trying again later).
  const kinds = new Set(unread.map(({ error }) => failureKindOf(error)));
  const failedAs = kinds.size === 1 ? [...kinds][0] : undefined;
  return { ...reply, failed: true, ...(failedAs ? { failedAs } : {}) };
}

function oneCard(ctx: Context, status: HostingStatus): Card {
  const blocks: Block[] = [{ type: "fields", fields: statusFields(ctx, status) }];
  const advice = adviceFor(ctx, status);
  if (advice) blocks.push({ type: "context", text: advice });
  return { title: status.hosting, tone: stateTone(status.mail.state), blocks };
}

function summaryCard(ctx: Context, statuses: HostingStatus[], asked: number): Card {
  const { t } = ctx;
  const worst = statuses.find((s) => stateTone(s.mail.state) === "danger")
    ?? statuses.find((s) => stateTone(s.mail.state) === "warning");
  const fields = statuses.map(({ hosting, mail, pending }) => {
    const line = t(mail.maxPerDay > 0 ? "status.summaryLine" : "status.summaryLineNoMax", {
      state: stateLabel(t, mail.state, mail.stateName),
      sent: ctx.number(mail.sentToday),
      max: ctx.number(mail.maxPerDay),
    });
    const note = pending ? ` · ${t(`status.pendingShort.${pending.mutation}`)}` : "";
    return { label: hosting, value: line + note };
  });
  return {
    title: t("status.allTitle", { count: asked }),
    tone: worst ? stateTone(worst.mail.state) : "success",
    blocks: [{ type: "fields", fields }],
  };
}

/** What to do next, in the domain's words. */
function adviceFor(ctx: Context, { mail, pending }: HostingStatus): string | undefined {
  if (pending?.mutation === "unblock") return ctx.t("status.advice.unblocking");
  switch (mail.state) {
    case "ko":
    case "bounce":
    case "spam":
    case "purging":
    case "unknown":
      return ctx.t(`status.advice.${mail.state}`);
    case "force":
      return ctx.t("status.advice.force");
    default:
      return undefined;
  }
}
