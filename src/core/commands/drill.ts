import { UserError } from "../../errors.ts";
import { auditAs } from "../context.ts";
import type { QueryCommand } from "./command.ts";
import { notice } from "../reply.ts";

/** Sandbox only: a burst of traffic that ends in the provider's spam block, to rehearse. */
export const drill: QueryCommand = {
  name: "drill",
  minRole: "operator",
  args: [{ kind: "hosting", required: true }],
  sandboxOnly: true,
  recordsItself: true,
  async run(ctx, { hosting }) {
    const sandbox = ctx.services.sandbox;
    if (!sandbox || hosting === undefined) throw new UserError("errors.sandboxOnly");
    await sandbox.spamDrill(hosting);
    await auditAs(ctx, { event: "executed", command: "drill", hosting, outcome: "spam_drill" });
    return notice(ctx.t("drill.started", { hosting }));
  },
};
