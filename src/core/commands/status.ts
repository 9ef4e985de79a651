import { type HostingStatus, statusReply } from "../cards/statusCard.ts";
import { observeHold } from "../holds.ts";
import type { Command } from "./command.ts";

export const status: Command = {
  name: "status",
  minRole: "viewer",
  mutating: false,
  async run(ctx, [word]) {
    const { services } = ctx;
    const names = await ctx.hostings.resolveMany(word);
    const statuses: HostingStatus[] = await Promise.all(
      names.map(async (hosting) => {
        const mail = await services.provider.getMail(hosting);
        const hold = await observeHold(services.store, hosting, mail.state, services.clock.now());
        return { hosting, mail, hold };
      }),
    );
    return statusReply(ctx, statuses);
  },
};
