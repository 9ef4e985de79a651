import type { Reply } from "../reply.ts";
import type { QueryCommand } from "./command.ts";

/** `report [hosting|all]`: the daily error report, on demand, for the asker. */
export const report: QueryCommand = {
  name: "report",
  minRole: "viewer",
  args: [{ kind: "hostingOrAll", required: false }],
  async run(ctx, { hostings }): Promise<Reply> {
    return ctx.services.reports.onDemand(hostings ?? [], ctx.language);
  },
};
