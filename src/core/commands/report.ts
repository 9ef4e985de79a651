import type { Reply } from "../reply.ts";
import type { Command } from "./command.ts";

/** `report <hosting|all>`: the daily error report, on demand, for the asker. */
export const report: Command = {
  name: "report",
  minRole: "viewer",
  mutating: false,
  async run(ctx, [word]): Promise<Reply> {
    const names = await ctx.hostings.resolveMany(word);
    return ctx.services.reports.onDemand(names, ctx.language);
  },
};
