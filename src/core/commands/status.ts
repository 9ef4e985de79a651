import { type HostingStatus, statusReply } from "../cards/statusCard.ts";
import { observeHold, pendingAction } from "../holds.ts";
import type { QueryCommand } from "./command.ts";

/** `status [hosting|all]`: state, mails sent today, errors, the hold's countdown. */
export const status: QueryCommand = {
  name: "status",
  minRole: "viewer",
  args: [{ kind: "hostingOrAll", required: false }],
  async run(ctx, { hostings }) {
    const { services } = ctx;
    const names = hostings ?? [];
    const statuses: HostingStatus[] = await Promise.all(
      names.map(async (hosting) => {
        const mail = await services.provider.getMail(hosting);
        const hold = await observeHold(services.store, hosting, mail.state, services.clock.now());
        return { hosting, mail, hold, pending: await pendingAction(services.store, hosting, mail.state) };
      }),
    );
    return statusReply(ctx, statuses);
  },
};
