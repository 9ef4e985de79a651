// A mutating command asked: check the state, then answer with a confirmation card.
import type { Confirmation } from "../store/schema.ts";
import { blockFirstReply, confirmReply } from "./cards/confirmCard.ts";
import { stateLabel } from "./cards/stateWords.ts";
import { auditAs, type Context } from "./context.ts";
import { mutationOf } from "./commands/index.ts";
import type { MutationArgs } from "./mutations/spec.ts";
import { failure, type Reply } from "./reply.ts";

export async function requestMutation(
  ctx: Context,
  mutation: Confirmation["mutation"],
  hosting: string,
  args: MutationArgs,
): Promise<Reply> {
  const { services, t } = ctx;
  const mail = await services.provider.getMail(hosting);
  const refusal = mutationOf(mutation).refusal(mail);
  const now = services.clock.now();
  const pending = (m: Confirmation["mutation"]) =>
    services.store.confirmations.create({
      kind: "confirm",
      mutation: m,
      hosting,
      args,
      requester: { platform: ctx.actor.platform, id: ctx.actor.id, name: ctx.actor.name },
      channel: ctx.place.channel,
      language: ctx.language,
      createdAt: now,
      expiresAt: now + services.settings.confirmTtlMs,
    });

  if (refusal === "blockFirst") {
    const block = await pending("block");
    await audit(ctx, mutation, hosting, "refused:blockFirst");
    return blockFirstReply(ctx, block, mail);
  }
  if (refusal) {
    await audit(ctx, mutation, hosting, `refused:${refusal}`);
    return failure(t(`refused.${refusal}`, { hosting, state: stateLabel(t, mail.state, mail.stateName) }));
  }
  const confirmation = await pending(mutation);
  await audit(ctx, mutation, hosting, "confirmation_asked");
  return confirmReply(ctx, confirmation, mail);
}

function audit(ctx: Context, command: string, hosting: string, outcome: string): Promise<void> {
  return auditAs(ctx, { event: "request", command, hosting, outcome });
}
