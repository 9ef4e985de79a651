import { z } from "zod";
import { UserError } from "../../errors.ts";
import { requestMutation } from "../requestMutation.ts";
import type { Command } from "./command.ts";

const address = z.email();

/** `recipient <hosting> <email>`; with one hosting, `recipient <email>`. */
export const recipient: Command = {
  name: "recipient",
  minRole: "operator",
  mutating: true,
  async run(ctx, words) {
    const email = words.length >= 2 ? words[1] : words[0];
    const hostingWord = words.length >= 2 ? words[0] : undefined;
    if (!email) throw new UserError("errors.recipientMissing");
    if (!address.safeParse(email).success || email.length > 254) {
      throw new UserError("errors.badEmail", { email });
    }
    const hosting = await ctx.hostings.resolve(hostingWord);
    return requestMutation(ctx, "recipient", hosting, { email });
  },
};
