// The confirmation card: what will happen, in the control panel's words, with the buttons.
import type { HostingMail } from "../../hosting/port.ts";
import type { Confirmation } from "../../store/schema.ts";
import { buttonId } from "../confirmations.ts";
import type { Context } from "../context.ts";
import { MUTATIONS } from "../mutations/index.ts";
import type { Button, Card, Field, Reply } from "../reply.ts";
import { cardText } from "./cardText.ts";
import { stateLabel } from "./stateWords.ts";

export function mutationTitle(ctx: Pick<Context, "t">, c: Pick<Confirmation, "mutation" | "hosting">) {
  return ctx.t("mutation.title", { action: ctx.t(`mutation.${c.mutation}.name`), hosting: c.hosting });
}

export function requestFields(ctx: Pick<Context, "t">, c: Confirmation, mail?: HostingMail): Field[] {
  const { t } = ctx;
  const fields: Field[] = [];
  if (mail) fields.push({ label: t("status.state"), value: stateLabel(t, mail.state) });
  if (c.args.reason) fields.push({ label: t("confirm.reason"), value: c.args.reason });
  if (c.args.email) fields.push({ label: t("confirm.newRecipient"), value: c.args.email });
  if (c.requester) fields.push({ label: t("confirm.requestedBy"), value: c.requester.name });
  return fields;
}

export function confirmButtons(ctx: Pick<Context, "t">, c: Confirmation): Button[] {
  const { t } = ctx;
  const spec = MUTATIONS[c.mutation];
  const confirm: Button = {
    id: buttonId("ok", c.token),
    label: t("confirm.confirm"),
    style: spec.style,
  };
  if (spec.secondGate) {
    confirm.confirm = {
      title: mutationTitle(ctx, c),
      text: t(`mutation.${c.mutation}.effect`),
      confirm: t(`mutation.${c.mutation}.name`),
      deny: t("confirm.cancel"),
    };
  }
  return [confirm, { id: buttonId("no", c.token), label: t("confirm.cancel"), style: "default" }];
}

export function confirmReply(ctx: Context, c: Confirmation, mail: HostingMail): Reply {
  const { t } = ctx;
  const card: Card = {
    title: mutationTitle(ctx, c),
    tone: c.mutation === "purge" ? "danger" : "warning",
    blocks: [
      { type: "text", text: t(`mutation.${c.mutation}.effect`, { email: c.args.email }) },
      { type: "fields", fields: requestFields(ctx, c, mail) },
      {
        type: "context",
        text: t("confirm.expires", {
          time: ctx.duration(c.expiresAt - c.createdAt),
          name: c.requester?.name ?? "",
        }),
      },
      { type: "actions", buttons: confirmButtons(ctx, c) },
    ],
  };
  return { text: cardText(card), card, visibility: "requester" };
}

/** Purge asked while sending is on: explain, and offer to block first. */
export function blockFirstReply(ctx: Context, block: Confirmation, hosting: string, mail: HostingMail): Reply {
  const { t } = ctx;
  const card: Card = {
    title: mutationTitle(ctx, { mutation: "purge", hosting }),
    tone: "warning",
    blocks: [
      { type: "text", text: t("refused.blockFirst") },
      { type: "text", text: t("mutation.block.effect") },
      { type: "fields", fields: [{ label: t("status.state"), value: stateLabel(t, mail.state) }] },
      {
        type: "actions",
        buttons: [
          { id: buttonId("ok", block.token), label: t("mutation.block.name"), style: "primary" },
          { id: buttonId("no", block.token), label: t("confirm.cancel"), style: "default" },
        ],
      },
    ],
  };
  return { text: cardText(card), card, visibility: "requester" };
}
