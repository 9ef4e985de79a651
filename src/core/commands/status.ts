import { type HostingStatus, statusReply, type UnreadHosting } from "../cards/statusCard.ts";
import { observeHold, pendingAction } from "../holds.ts";
import type { Context } from "../context.ts";
import { mapLimit } from "../mapLimit.ts";
import type { QueryCommand } from "./command.ts";

/**
 * Hostings read at once. The provider queues calls beyond its own limit (OVHcloud:
 * OVH_CONCURRENCY, 8 by default), but a read waiting there still holds its state: with every
 * hosting in flight, `status all` cost a third more per hosting at 800 hostings than at 100
 * (garbage collection); with 32 in flight, no more.
 */
const READS_IN_FLIGHT = 32;

/** `status [hosting|all]`: state, mails sent today, errors, the hold's countdown. */
export const status: QueryCommand = {
  name: "status",
  minRole: "viewer",
  args: [{ kind: "hostingOrAll", required: false }],
  async run(ctx, { hostings }) {
    const names = hostings ?? [];
    const results = await mapLimit(names, READS_IN_FLIGHT, (hosting) =>
      readStatus(ctx, hosting).then(
        (value) => ({ status: "fulfilled" as const, value }),
        (reason: unknown) => ({ status: "rejected" as const, reason }),
      ),
    );
    const statuses: HostingStatus[] = [];
    const unread: UnreadHosting[] = [];
    results.forEach((result, i) => {
      if (result.status === "fulfilled") statuses.push(result.value);
      else unread.push({ hosting: names[i]!, error: result.reason });
    });
    // Nothing read (or the one hosting asked for): the error itself is the answer. Of many, an
    // overview of those read, naming those that could not be, beats no overview at 3 a.m.
    if (statuses.length === 0 && unread[0]) throw unread[0].error;
    return statusReply(ctx, statuses, unread);
  },
};

async function readStatus(ctx: Context, hosting: string): Promise<HostingStatus> {
  const { services } = ctx;
  const mail = await services.provider.getMail(hosting);
  // Asked together, the two store operations share one hold of the data folder's lock.
  const [hold, pending] = await Promise.all([
    observeHold(services.store, hosting, mail.state, services.clock.now()),
    pendingAction(services.store, hosting, mail.state),
  ]);
  return { hosting, mail, hold, pending };
}
