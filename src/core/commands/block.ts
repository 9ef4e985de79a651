import { requestMutation } from "../requestMutation.ts";
import type { Command } from "./command.ts";

/** `block <hosting> [reason…]`; with one hosting the name may be omitted. */
export const block: Command = {
  name: "block",
  minRole: "operator",
  mutating: true,
  async run(ctx, words) {
    const [first, ...rest] = words;
    const names = await ctx.hostings.list();
    const firstIsHosting =
      first !== undefined &&
      (names.includes(first.toLowerCase()) || first in ctx.services.policy.aliases);
    const omitted = !firstIsHosting && names.length === 1;
    const hosting = await ctx.hostings.resolve(omitted ? undefined : first);
    const reason = (omitted ? words : rest).join(" ").trim().slice(0, 300);
    return requestMutation(ctx, "block", hosting, reason ? { reason } : {});
  },
};
