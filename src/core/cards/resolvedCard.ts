// The card after a decision: the same title, the buttons replaced by the outcome and who decided.
import type { Confirmation } from "../../store/schema.ts";
import type { Context } from "../context.ts";
import type { Card, FailureKind, Reply, Tone } from "../reply.ts";
import { cardText } from "./cardText.ts";
import { mutationTitle, requestFields } from "./confirmCard.ts";

export interface Outcome {
  tone: Tone;
  /** The outcome sentence, translated. */
  text: string;
  reference?: string;
  /** A failure of its own exit code (the provider could not be reached). */
  failedAs?: FailureKind;
}

const FAILED = new Set<Confirmation["status"]>(["failed", "unknown"]);

export function resolvedReply(ctx: Context, c: Confirmation, outcome: Outcome): Reply {
  const { t } = ctx;
  const who = c.decidedBy?.name;
  const when = ctx.dateTime(c.decidedAt ?? ctx.services.clock.now());
  const context = who ? t("resolved.by", { name: who, time: when }) : t("resolved.at", { time: when });
  const reference = outcome.reference ? ` · ${t("resolved.reference", { reference: outcome.reference })}` : "";
  const card: Card = {
    title: mutationTitle(ctx, c),
    tone: outcome.tone,
    blocks: [
      { type: "text", text: outcome.text },
      { type: "fields", fields: requestFields(ctx, c) },
      { type: "context", text: context + reference },
    ],
  };
  return {
    text: cardText(card),
    card,
    visibility: "requester",
    // Cancelled or expired is a decision, not a failure: no ✗, and a one-shot is not told so.
    failed: FAILED.has(c.status) || undefined,
    ...(FAILED.has(c.status) && outcome.failedAs ? { failedAs: outcome.failedAs } : {}),
    data: { hosting: c.hosting, action: c.mutation, status: c.status, reference: outcome.reference },
  };
}
