import { UserError } from "../../errors.ts";
import { parseDuration } from "../args/duration.ts";
import { type Command, textReply } from "./command.ts";

const MAX_ADVANCE_MS = 14 * 24 * 3_600_000;

/** Sandbox only: move the simulated clock forward (rehearse a purge or the end of a hold). */
export const advance: Command = {
  name: "advance",
  minRole: "operator",
  mutating: false,
  sandboxOnly: true,
  async run(ctx, [word]) {
    const sandbox = ctx.services.sandbox;
    if (!sandbox) throw new UserError("errors.sandboxOnly");
    const ms = word === undefined ? null : parseDuration(word);
    if (ms === null || ms <= 0 || ms > MAX_ADVANCE_MS) {
      throw new UserError("errors.badDuration", { value: word ?? "" });
    }
    await sandbox.advance(ms);
    return textReply(
      ctx.t("advance.done", { duration: ctx.duration(ms), now: ctx.dateTime(ctx.services.clock.now()) }),
    );
  },
};
