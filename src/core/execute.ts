// A confirmed action: re-read the state, call the provider once, record, announce, follow.
import { HostingError, type HostingMail } from "../hosting/port.ts";
import type { Confirmation } from "../store/schema.ts";
import { announcement } from "./announce.ts";
import { type Outcome, resolvedReply } from "./cards/resolvedCard.ts";
import { stateLabel } from "./cards/stateWords.ts";
import type { Context } from "./context.ts";
import { inFlight } from "./inFlight.ts";
import { errorText, failureKindOf } from "./errorText.ts";
import type { Follower } from "./follower.ts";
import { recordBlock } from "./holds.ts";
import { mutationOf } from "./commands/index.ts";
import type { Reply } from "./reply.ts";

/** `c` was claimed for execution (recorded as executing, durably, before the provider call). */
export async function execute(ctx: Context, c: Confirmation, follower: Follower): Promise<Reply> {
  inFlight.add(c.token);
  try {
    return await carryOut(ctx, c, follower);
  } finally {
    inFlight.delete(c.token);
  }
}

async function carryOut(ctx: Context, c: Confirmation, follower: Follower): Promise<Reply> {
  const { services, t } = ctx;
  const { provider, store, logger } = services;
  const spec = mutationOf(c.mutation);
  const finish = async (status: "done" | "failed" | "unknown", outcome: Outcome, auditOutcome: string) => {
    await store.confirmations.finish(
      c.token,
      status,
      {
        event: status === "done" ? "executed" : status,
        platform: ctx.actor.platform,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        channel: ctx.place.channel,
        command: c.mutation,
        hosting: c.hosting,
        outcome: auditOutcome,
        reference: outcome.reference,
        reason: c.args.reason,
      },
      services.clock.now(),
    );
    return resolvedReply(ctx, { ...c, status }, outcome);
  };

  let mail: HostingMail;
  let sent: { reference?: string; answerLost: boolean };
  try {
    mail = await provider.getMail(c.hosting);
    const refusal = spec.refusal(mail);
    if (refusal) {
      const state = stateLabel(t, mail.state, mail.stateName);
      const text = t("resolved.stateChanged", {
        state,
        reason: t(`refused.${refusal}`, { hosting: c.hosting, state }),
      });
      return await finish("failed", { tone: "warning", text }, `state_changed:${mail.state}`);
    }
    sent = await settled(spec.run(provider, c.hosting, c.args));
  } catch (error) {
    // A lost answer whose effect the state read back cannot show is recorded as unknown, not failed.
    const unknown = error instanceof HostingError && error.code === "unknown_outcome" && error.details.applied !== false;
    const text = t("resolved.failed", { error: errorText(t, logger, error) });
    return finish(
      unknown ? "unknown" : "failed",
      { tone: "danger", text, failedAs: failureKindOf(error) },
      `error:${error instanceof HostingError ? error.code : "unexpected"}`,
    );
  }
  logger.debug({ hosting: c.hosting, action: c.mutation }, "provider action sent");

  // The provider acted: from here on, nothing may record or report the action as failed.
  const { reference, answerLost } = sent;
  const done = t(`resolved.done.${c.mutation}`, { email: c.args.email });
  let reply: Reply;
  try {
    if (c.mutation === "block") await recordBlock(store, c.hosting, services.clock.now(), c.decidedBy, c.args.reason);
    reply = await finish(
      "done",
      { tone: "success", text: answerLost ? `${done} ${t("resolved.answerLost")}` : done, reference },
      answerLost ? "done:answer_lost_state_read_back" : "done",
    );
  } catch (error) {
    // Left executing in the store: the next reconciliation reads the state back, then records
    // and announces the action (once, even if its audit line was written here).
    logger.error({ err: error, hosting: c.hosting, action: c.mutation }, "action carried out but not recorded yet");
    return resolvedReply(ctx, { ...c, status: "done" }, { tone: "warning", text: `${done} ${t("resolved.notRecorded")}`, reference });
  }
  try {
    const refs = await services.notifier.post(announcement(services, c, reference ?? ""), {
      hosting: c.hosting,
      origin: { platform: ctx.actor.platform, channel: ctx.place.channel },
    });
    if (spec.follow && c.decidedBy) {
      await follower.begin({
        hosting: c.hosting,
        mutation: c.mutation as "purge" | "unblock",
        by: c.decidedBy,
        startedAt: services.clock.now(),
        fromState: mail.state,
        refs,
      });
    }
  } catch (error) {
    logger.error({ err: error, hosting: c.hosting, action: c.mutation }, "action done and recorded; its announcement or progress failed");
  }
  return reply;
}

/** A request whose answer was lost but whose effect the state read back shows is a success. */
async function settled(request: Promise<string>): Promise<{ reference?: string; answerLost: boolean }> {
  try {
    return { reference: await request, answerLost: false };
  } catch (error) {
    if (error instanceof HostingError && error.code === "unknown_outcome" && error.details.applied === true) {
      return { reference: undefined, answerLost: true };
    }
    throw error;
  }
}
