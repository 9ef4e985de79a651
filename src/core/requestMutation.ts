// A mutating command asked: check the state, then answer with a confirmation card.
import type { Confirmation, Hold } from "../store/schema.ts";
import { blockFirstReply, confirmReply } from "./cards/confirmCard.ts";
import { stateLabel } from "./cards/stateWords.ts";
import { auditAs, type Context } from "./context.ts";
import { pendingAction } from "./holds.ts";
import { mutationOf } from "./commands/index.ts";
import type { MutationArgs } from "./mutations/spec.ts";
import { failure, notice, type Reply } from "./reply.ts";

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

  const reason = args.reason;
  // An unblock asked before, not in effect yet: the next command knows it.
  const inProgress = await pendingAction(services.store, hosting, mail.state);
  if (inProgress?.mutation === "unblock" && (mutation === "unblock" || mutation === "block")) {
    const vars = { hosting, name: inProgress.by.name, time: ctx.dateTime(inProgress.startedAt) };
    if (mutation === "unblock") {
      await audit(ctx, mutation, hosting, "already:unblockPending", reason);
      return already(t("already.unblockPending", vars), hosting, mutation);
    }
    await audit(ctx, mutation, hosting, "refused:unblockPending", reason);
    return failure(t("refused.unblockPending", vars));
  }
  if (refusal === "blockFirst") {
    const block = await pending("block");
    await audit(ctx, mutation, hosting, "refused:blockFirst", reason);
    return blockFirstReply(ctx, block, mail);
  }
  if (refusal) {
    await audit(ctx, mutation, hosting, `refused:${refusal}`, reason);
    const text = t(`refused.${refusal}`, { hosting, state: stateLabel(t, mail.state, mail.stateName) });
    // Already in the state asked for: a script wants that to count as success (issue #17).
    // An unknown state is not "already so": the person must look before anything is assumed.
    if ((refusal === "alreadyEnabled" || refusal === "alreadyStopped") && mail.state !== "unknown") {
      const hold = refusal === "alreadyStopped" ? await services.store.holds.get(hosting) : undefined;
      const by = hold ? blockedByLine(ctx, hold) : undefined;
      return already(by ? `${text}\n${by}` : text, hosting, mutation);
    }
    return failure(text);
  }
  const confirmation = await pending(mutation);
  await audit(ctx, mutation, hosting, "confirmation_asked", reason);
  return confirmReply(ctx, confirmation, mail);
}

/** "Blocked by X at T: reason", from a hold the bot recorded. */
export function blockedByLine(ctx: Pick<Context, "t" | "dateTime">, hold: Hold): string | undefined {
  if (!hold.by) return undefined;
  const vars = { name: hold.by.name, time: ctx.dateTime(hold.since), reason: hold.reason };
  return ctx.t(hold.reason ? "status.blockedByLine" : "status.blockedByLineNoReason", vars);
}

function already(text: string, hosting: string, action: Confirmation["mutation"]): Reply {
  return { ...notice(text), data: { hosting, action, status: "already" } };
}

function audit(ctx: Context, command: string, hosting: string, outcome: string, reason?: string): Promise<void> {
  return auditAs(ctx, { event: "request", command, hosting, outcome, reason });
}
