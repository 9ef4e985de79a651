import { requestMutation } from "../requestMutation.ts";
import type { Command } from "./command.ts";

export const unblock: Command = {
  name: "unblock",
  minRole: "operator",
  mutating: true,
  async run(ctx, [word]) {
    return requestMutation(ctx, "unblock", await ctx.hostings.resolve(word), {});
  },
};
