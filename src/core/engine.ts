// The command engine: parses a request, checks permissions, answers or asks for confirmation,
// and carries out confirmed actions exactly once.
import { UserError } from "../errors.ts";
import type { Confirmation } from "../store/schema.ts";
import { type ActionRequest, type Actor, type CommandRequest, hasRole, type InvocationRequest } from "./actor.ts";
import { bindValues, type Values, wordsToValues } from "./args/bind.ts";
import { resolvedReply } from "./cards/resolvedCard.ts";
import { type Command, isMutating } from "./commands/command.ts";
import { COMMANDS, mutationOf } from "./commands/index.ts";
import { helpText } from "./commands/help.ts";
import { parseButtonId } from "./confirmations.ts";
import { auditAs, auditRecord, type Context, makeContext } from "./context.ts";
import { errorText, failureKindOf } from "./errorText.ts";
import { execute } from "./execute.ts";
import { EXECUTOR } from "./inFlight.ts";
import { Follower } from "./follower.ts";
import { tokenize } from "./grammar.ts";
import { HostingDirectory } from "./hostings.ts";
import { requestMutation } from "./requestMutation.ts";
import { roleOf } from "./roles.ts";
import { failure, notice, type Reply } from "./reply.ts";
import type { Services } from "./services.ts";

export interface ActionResult {
  /** Replaces the message that carried the button. */
  update?: Reply;
  /** A private answer to the person who clicked; the message stays as it was. */
  notice?: Reply;
}

export class Engine {
  readonly hostings: HostingDirectory;
  readonly follower: Follower;

  constructor(readonly services: Services) {
    this.hostings = new HostingDirectory(services);
    this.follower = new Follower(services);
  }

  /** The commands available with this provider (sandbox-only ones only with the sandbox). */
  get commands(): readonly Command[] {
    return COMMANDS.filter((c) => !c.sandboxOnly || this.services.sandbox);
  }

  context(request: Pick<CommandRequest, "actor" | "place" | "language">): Context {
    const role = roleOf(this.services.policy, request.actor);
    return makeContext(this.services, this.hostings, request.actor, request.place, request.language, role);
  }

  /** A typed line: `block example.com testing the form`. */
  async handle(request: CommandRequest): Promise<Reply> {
    const ctx = this.context(request);
    const [name, ...words] = tokenize(request.text);
    const command = this.commands.find((c) => c.name === name?.toLowerCase());
    if (!command) return this.unknown(ctx, name);
    return this.run(ctx, command, words[0], () => wordsToValues(command.args, words, this.hostings));
  }

  /** A command with its arguments already named (Discord's typed options). */
  async invoke(request: InvocationRequest): Promise<Reply> {
    const ctx = this.context(request);
    const command = this.commands.find((c) => c.name === request.command);
    if (!command) return this.unknown(ctx, request.command);
    const hostingWord = request.values.hosting;
    return this.run(ctx, command, hostingWord, async () => request.values);
  }

  private unknown(ctx: Context, name: string | undefined): Reply {
    const unknown = name ? ctx.t("errors.unknownCommand", { name }) : "";
    const help = notice([unknown, helpText(ctx, this.commands)].filter(Boolean).join("\n\n"));
    return name ? { ...help, failed: true } : help;
  }

  private async run(ctx: Context, command: Command, firstWord: string | undefined, values: () => Promise<Values>): Promise<Reply> {
    if (!hasRole(ctx.role, command.minRole)) return this.deny(ctx, command.name, firstWord);
    if (isMutating(command) && !ctx.place.inTeamSpace) {
      return failure(ctx.t("errors.notInTeamSpace"));
    }
    try {
      const args = await bindValues(command.args, await values(), this.hostings);
      let reply: Reply;
      if (isMutating(command)) {
        // A mutating command's hosting is required: bound, or refused above.
        const { hosting, reason, email } = args as { hosting: string } & typeof args;
        reply = await requestMutation(ctx, command.name as Confirmation["mutation"], hosting, {
          ...(reason ? { reason } : {}),
          ...(email ? { email } : {}),
        });
      } else {
        reply = await command.run(ctx, args);
        const hosting = args.hosting ?? (args.hostings?.length === 1 ? args.hostings[0] : undefined);
        // The record of a reading need not hold up its answer (see `appendLater`).
        if (!command.recordsItself) {
          const record = auditRecord(ctx, { event: "request", command: command.name, outcome: "answered", hosting });
          this.services.store.audit.appendLater(record);
        }
      }
      this.follower.nudge();
      return reply;
    } catch (error) {
      const text = errorText(ctx.t, this.services.logger, error);
      // With the store unavailable the audit cannot be written either: the answer still goes out.
      await this.audit(ctx, "request", command.name, `error:${error instanceof UserError ? error.key : "unexpected"}`).catch(() => undefined);
      return failure(text, failureKindOf(error));
    }
  }

  async act(request: ActionRequest): Promise<ActionResult> {
    const ctx = this.context(request);
    try {
      return await this.decide(ctx, request);
    } catch (error) {
      // The store unavailable (or anything unexpected): the clicker is told, the card stays.
      return { notice: failure(errorText(ctx.t, this.services.logger, error), failureKindOf(error)) };
    }
  }

  private async decide(ctx: Context, request: ActionRequest): Promise<ActionResult> {
    const { t } = ctx;
    const { store } = this.services;
    const parsed = parseButtonId(request.buttonId);
    const c = parsed ? await store.confirmations.get(parsed.token) : undefined;
    if (!parsed || !c) return { notice: failure(t("confirm.unknownButton")) };

    if (c.status !== "pending") return { notice: failure(this.alreadyDecided(ctx, c)) };
    const spec = mutationOf(c.mutation);
    if (!hasRole(ctx.role, spec.minRole) || !this.mayDecide(ctx, c)) {
      await this.audit(ctx, "denied", c.mutation, "click_refused", c.hosting);
      const who = c.requester?.name ?? "";
      const text = hasRole(ctx.role, spec.minRole) ? t("confirm.notYours", { name: who }) : this.denialText(ctx, c.mutation);
      return { notice: failure(text) };
    }
    const now = this.services.clock.now();
    if (c.kind === "offer" && parsed.verb !== "no") {
      // An offer stays open for everyone allowed: a click opens a confirmation of its own.
      if (now <= c.expiresAt) return { notice: await this.openFromOffer(ctx, c) };
      if (await store.confirmations.expire(c.token, now)) await this.audit(ctx, "expired", c.mutation, "expired", c.hosting);
      const seen = await store.confirmations.get(c.token);
      return { notice: failure(this.alreadyDecided(ctx, seen ?? { ...c, status: "expired" })) };
    }
    // The store decides who was first (several processes or replicas may get the click).
    const claim = await store.confirmations.claim(c.token, {
      to: parsed.verb === "no" ? "cancelled" : "executing",
      by: person(request.actor),
      place: { platform: request.actor.platform, channel: request.place.channel },
      at: now,
      executor: EXECUTOR,
    });
    if (claim.kind === "unknown") return { notice: failure(t("confirm.unknownButton")) };
    if (claim.kind === "decided") return { notice: failure(this.alreadyDecided(ctx, claim.confirmation)) };
    if (claim.kind === "expired") {
      await this.audit(ctx, "expired", c.mutation, "expired", c.hosting);
      // An alert stays as posted (others still need to read it); only the clicker is told.
      if (c.kind === "offer") return { notice: failure(this.alreadyDecided(ctx, claim.confirmation)) };
      return { update: resolvedReply(ctx, claim.confirmation, { tone: "info", text: t("resolved.expired") }) };
    }
    const claimed = claim.confirmation;
    if (parsed.verb === "no") {
      await this.audit(ctx, "cancelled", c.mutation, "cancelled", c.hosting);
      return { update: resolvedReply(ctx, claimed, { tone: "info", text: t("resolved.cancelled") }) };
    }
    this.services.logger.debug({ hosting: c.hosting, action: c.mutation }, "action claimed for execution");
    // The action's first record: a finish looks back to it for one that may have ended it.
    await auditAs(ctx, { event: "confirmed", command: c.mutation, outcome: "confirmed", hosting: c.hosting, reason: c.args.reason, confirmation: c.token });
    return { update: await execute(ctx, claimed, this.follower) };
  }

  /** An alert's button: a confirmation of its own for the person who clicked. */
  private async openFromOffer(ctx: Context, offer: Confirmation): Promise<Reply> {
    try {
      return await requestMutation(ctx, offer.mutation, offer.hosting, offer.args);
    } catch (error) {
      return failure(errorText(ctx.t, this.services.logger, error), failureKindOf(error));
    }
  }

  private mayDecide(ctx: Context, c: Confirmation): boolean {
    if (c.requester === null || ctx.role === "admin") return true;
    return c.requester.platform === ctx.actor.platform && c.requester.id === ctx.actor.id;
  }

  private alreadyDecided(ctx: Context, c: Confirmation): string {
    const name = c.decidedBy?.name ?? "";
    const time = ctx.dateTime(c.status === "expired" ? c.expiresAt : (c.decidedAt ?? c.createdAt));
    return ctx.t(`confirm.already.${c.status}`, { name, time });
  }

  private denialText(ctx: Context, command: string): string {
    const need = this.commands.find((c) => c.name === command)?.minRole ?? "admin";
    const text = ctx.t("errors.denied", { command, role: ctx.t(`role.${need}`) });
    if (ctx.actor.platform === "console") return text;
    const hint = ctx.t("help.grantHint", { principal: `${ctx.actor.platform}:${ctx.actor.id}` });
    return `${text}\n${hint}`;
  }

  private async deny(ctx: Context, command: string, hostingWord: string | undefined): Promise<Reply> {
    // The audit names the hosting when the word is one; a bad word is not worth an error here.
    const hosting = hostingWord ? await this.hostings.resolve(hostingWord).catch(() => undefined) : undefined;
    await this.audit(ctx, "denied", command, "needs_role", hosting);
    return failure(this.denialText(ctx, command));
  }

  private audit(
    ctx: Context,
    event: "request" | "denied" | "cancelled" | "expired",
    command: string,
    outcome: string,
    hosting?: string,
    reason?: string,
  ) {
    return auditAs(ctx, { event, command, outcome, hosting, reason });
  }

}

const person = (actor: Actor) => ({ platform: actor.platform, id: actor.id, name: actor.name });
