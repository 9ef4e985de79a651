import { onDemandReport } from "../../jobs/onDemand.ts";
import type { Reply } from "../reply.ts";
import type { Command } from "./command.ts";

/** `report <hosting|all>`: the daily error report, on demand, for the asker. */
export const report: Command = {
  name: "report",
  minRole: "viewer",
  mutating: false,
  async run(ctx, [word]): Promise<Reply> {
    const names = await ctx.hostings.resolveMany(word);
    return onDemandReport(ctx.services, names, ctx.language);
  },
};
