import { UserError } from "../../errors.ts";
import { auditAs } from "../context.ts";
import { type Command, textReply } from "./command.ts";

/** Sandbox only: a burst of traffic that ends in the provider's spam block, to rehearse. */
export const drill: Command = {
  name: "drill",
  minRole: "operator",
  mutating: false,
  sandboxOnly: true,
  async run(ctx, [word]) {
    const sandbox = ctx.services.sandbox;
    if (!sandbox) throw new UserError("errors.sandboxOnly");
    const hosting = await ctx.hostings.resolve(word);
    await sandbox.spamDrill(hosting);
    await auditAs(ctx, { event: "executed", command: "drill", hosting, outcome: "spam_drill" });
    return textReply(ctx.t("drill.started", { hosting }));
  },
};
