import { formatPercent } from "../../i18n/format.ts";
import type { Card, Reply } from "../reply.ts";
import { cardText } from "../cards/cardText.ts";
import type { Command } from "./command.ts";

const SHOWN_ERRORS = 5;

/** `report <hosting|all>`: the newest errors and today's volume, per hosting. */
export const report: Command = {
  name: "report",
  minRole: "viewer",
  mutating: false,
  async run(ctx, [word]): Promise<Reply> {
    const { provider } = ctx.services;
    const names = await ctx.hostings.resolveMany(word);
    const blocks: Card["blocks"] = [];
    for (const hosting of names) {
      const [mail, errors] = await Promise.all([provider.getMail(hosting), provider.bounces(hosting, 100)]);
      const share = mail.sent > 0 ? formatPercent(ctx.language, mail.bounce / mail.sent) : "–";
      blocks.push({
        type: "fields",
        fields: [
          { label: hosting, value: ctx.t("report.summary", { count: errors.length, sent: ctx.number(mail.sentToday), share }) },
        ],
      });
      const lines = errors.slice(0, SHOWN_ERRORS).map((e) => `${ctx.dateTime(Date.parse(e.date))} ${e.to}: ${e.message}`);
      if (errors.length > SHOWN_ERRORS) lines.push(ctx.t("report.more", { count: errors.length - SHOWN_ERRORS }));
      if (lines.length > 0) blocks.push({ type: "text", text: lines.join("\n") });
    }
    const card: Card = { title: ctx.t("report.title"), tone: "info", blocks };
    return { text: cardText(card), card, visibility: "requester" };
  },
};
