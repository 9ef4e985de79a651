import type { QueryCommand } from "./command.ts";
import { notice } from "../reply.ts";
import { outcomeText } from "./historyOutcome.ts";

const SHOWN = 20;

/** `history [hosting]`: who did what, and when. */
export const history: QueryCommand = {
  name: "history",
  minRole: "viewer",
  args: [{ kind: "hosting", required: false }],
  async run(ctx, { hosting }) {
    const records = await ctx.services.store.audit.recent(SHOWN, hosting);
    if (records.length === 0) return notice(ctx.t("history.empty"));
    const lines = records.map((r) => {
      const line = ctx.t("history.line", {
        time: ctx.dateTime(r.at),
        name: r.actorName,
        platform: r.platform,
        event: ctx.t(`history.event.${r.event}`),
        command: r.command,
        hosting: r.hosting ?? "–",
        outcome: outcomeText(ctx.t, r.outcome),
      });
      return r.reason ? `${line} · ${ctx.t("history.reason", { reason: r.reason })}` : line;
    });
    const title = hosting ? ctx.t("history.titleFor", { hosting }) : ctx.t("history.title");
    return notice([title, ...lines].join("\n"));
  },
};
