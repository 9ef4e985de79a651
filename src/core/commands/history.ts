import type { QueryCommand } from "./command.ts";
import { notice } from "../reply.ts";
import { HISTORY_LIMIT } from "../args/kinds.ts";
import { outcomeText } from "./historyOutcome.ts";

/** `history [hosting] [--limit N]`: who did what, when, and why (newest last). */
export const history: QueryCommand = {
  name: "history",
  minRole: "viewer",
  args: [
    { kind: "hosting", required: false },
    { kind: "limit", required: false },
  ],
  async run(ctx, { hosting, limit = HISTORY_LIMIT.default }) {
    const records = await ctx.services.store.audit.recent(limit, hosting);
    const data = {
      hosting: hosting ?? null,
      limit,
      records: records.map((r) => ({
        at: new Date(r.at).toISOString(),
        event: r.event,
        command: r.command,
        hosting: r.hosting ?? null,
        outcome: r.outcome,
        reason: r.reason ?? null,
        actor: { platform: r.platform, id: r.actorId, name: r.actorName },
      })),
    };
    if (records.length === 0) return { ...notice(ctx.t("history.empty")), data };
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
    return { ...notice([title, ...lines].join("\n")), data };
  },
};
