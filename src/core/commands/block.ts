import { HOSTING_NAME } from "../grammar.ts";
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
    // With one hosting the name may be left out, but a word shaped like a domain is always
    // taken as a hosting name: `block typo.example spam` must not block the only hosting.
    const firstNamesHosting =
      first !== undefined &&
      (names.includes(first.toLowerCase()) || Object.hasOwn(ctx.services.policy.aliases, first) || looksLikeDomain(first));
    const omitted = !firstNamesHosting && names.length === 1;
    const hosting = await ctx.hostings.resolve(omitted ? undefined : first);
    const reason = (omitted ? words : rest).join(" ").trim().slice(0, 300);
    return requestMutation(ctx, "block", hosting, reason ? { reason } : {});
  },
};

const looksLikeDomain = (word: string): boolean => word.includes(".") && HOSTING_NAME.test(word);
