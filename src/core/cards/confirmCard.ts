// The confirmation card: what will happen, in the control panel's words, with the buttons.
import type { HostingMail } from "../../hosting/port.ts";
import type { Confirmation } from "../../store/schema.ts";
import { buttonId } from "../confirmations.ts";
import type { Context } from "../context.ts";
import { mutationOf } from "../commands/index.ts";
import type { Button, Card, Field, Reply } from "../reply.ts";
import { cardText } from "./cardText.ts";
import { mutationTitle } from "./mutationTitle.ts";

export { mutationTitle };
import { stateLabel } from "./stateWords.ts";


export function requestFields(ctx: Pick<Context, "t">, c: Confirmation, mail?: HostingMail): Field[] {
  const { t } = ctx;
  const fields: Field[] = [];
  if (mail) fields.push({ label: t("status.state"), value: stateLabel(t, mail.state, mail.stateName) });
  if (c.args.reason) fields.push({ label: t("confirm.reason"), value: c.args.reason });
  if (c.args.email) fields.push({ label: t("confirm.newRecipient"), value: c.args.email });
  if (c.requester) fields.push({ label: t("confirm.requestedBy"), value: c.requester.name });
  return fields;
}

/** A purge of a hosting the provider stopped: sending resumes right after it, cause or not. */
export const purgeResumesCause = (c: Pick<Confirmation, "mutation">, mail?: HostingMail): boolean =>
  c.mutation === "purge" && mail !== undefined && (mail.state === "spam" || mail.state === "bounce" || mail.state === "ko");

export function confirmButtons(ctx: Pick<Context, "t">, c: Confirmation, mail?: HostingMail): Button[] {
  const { t } = ctx;
  const spec = mutationOf(c.mutation);
  const acknowledge = purgeResumesCause(c, mail);
  const confirm: Button = {
    id: buttonId("ok", c.token),
    role: "confirm",
    label: acknowledge ? t("mutation.purge.ackConfirm") : t("confirm.confirm"),
    style: spec.look.button,
  };
  if (spec.secondGate) {
    const effect = t(`mutation.${c.mutation}.effect`);
    confirm.confirm = {
      title: mutationTitle(ctx, c),
      text: acknowledge ? `${effect} ${t("mutation.purge.ack")}` : effect,
      confirm: t(`mutation.${c.mutation}.name`),
      deny: t("confirm.cancel"),
    };
  }
  return [confirm, { id: buttonId("no", c.token), role: "cancel", label: t("confirm.cancel"), style: "default" }];
}

export function confirmReply(ctx: Context, c: Confirmation, mail: HostingMail): Reply {
  const { t } = ctx;
  const card: Card = {
    title: mutationTitle(ctx, c),
    tone: mutationOf(c.mutation).look.asking,
    blocks: [
      { type: "text", text: t(`mutation.${c.mutation}.effect`, { email: c.args.email }) },
      ...(purgeResumesCause(c, mail)
        ? [{ type: "text" as const, text: `${t("mutation.purge.resumes")} ${t("mutation.purge.ack")}` }]
        : []),
      { type: "fields", fields: requestFields(ctx, c, mail) },
      {
        type: "context",
        text: t("confirm.expires", {
          time: ctx.duration(c.expiresAt - c.createdAt),
          name: c.requester?.name ?? "",
        }),
      },
      { type: "actions", buttons: confirmButtons(ctx, c, mail) },
    ],
  };
  return { text: cardText(card), card, visibility: "requester", confirms: c.mutation, data: pendingData(c) };
}

const pendingData = (c: Confirmation) => ({ hosting: c.hosting, action: c.mutation, status: c.status });

/**
 * Purge asked while sending is on: the provider refuses it. The card is a block card (its
 * title, text and button all name the block), saying the purge comes after.
 */
export function blockFirstReply(ctx: Context, block: Confirmation, mail: HostingMail): Reply {
  const { t } = ctx;
  const card: Card = {
    title: mutationTitle(ctx, block),
    tone: "warning",
    blocks: [
      { type: "text", text: `${t("refused.blockFirstLead")} ${t("refused.blockFirst")}` },
      { type: "text", text: t("mutation.block.effect") },
      { type: "text", text: t("refused.blockFirstThen", { hosting: block.hosting }) },
      { type: "fields", fields: requestFields(ctx, block, mail) },
      {
        type: "actions",
        buttons: [
          { id: buttonId("ok", block.token), role: "confirm", label: t("mutation.block.name"), style: mutationOf("block").look.button },
          { id: buttonId("no", block.token), role: "cancel", label: t("confirm.cancel"), style: "default" },
        ],
      },
    ],
  };
  return {
    text: cardText(card),
    card,
    visibility: "requester",
    confirms: "block",
    data: { ...pendingData(block), requested: "purge" },
  };
}
