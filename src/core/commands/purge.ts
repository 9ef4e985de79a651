import { requestMutation } from "../requestMutation.ts";
import type { Command } from "./command.ts";

export const purge: Command = {
  name: "purge",
  minRole: "admin",
  mutating: true,
  async run(ctx, [word]) {
    return requestMutation(ctx, "purge", await ctx.hostings.resolve(word), {});
  },
};
