import { UserError } from "../../errors.ts";
import type { QueryCommand } from "./command.ts";
import { notice } from "../reply.ts";

/** Sandbox only: move the simulated clock forward (rehearse a purge or the end of a hold). */
export const advance: QueryCommand = {
  name: "advance",
  minRole: "operator",
  args: [{ kind: "duration", required: true }],
  sandboxOnly: true,
  async run(ctx, { durationMs }) {
    const sandbox = ctx.services.sandbox;
    if (!sandbox || durationMs === undefined) throw new UserError("errors.sandboxOnly");
    await sandbox.advance(durationMs);
    return notice(
      ctx.t("advance.done", { duration: ctx.duration(durationMs), now: ctx.dateTime(ctx.services.clock.now()) }),
    );
  },
};
