// The words of an early-warning alert (pure: data in, reply out), in the channel's language:
// which warning reasons rose, how far above their usual rate, and what to do.
import { cardText } from "../core/cards/cardText.ts";
import type { Block, Button, Card, Reply } from "../core/reply.ts";
import { voiceOf } from "../i18n/voice.ts";
import { type Language, translator } from "../i18n/index.ts";
import type { Reason } from "./reasons/reasons.ts";

export interface Rise {
  hosting: string;
  at: number;
  /** The warning reasons seen in the last hour, with their usual hourly count. */
  reasons: { reason: Reason; count: number; usual: number }[];
  /** Blocklists the texts named. */
  blocklists: string[];
}

export function riseReply(
  language: Language,
  timeZone: string,
  rise: Rise,
  buttons: Button[],
): Reply {
  const { t, number, dateTime } = voiceOf(language, timeZone);
  const lines = rise.reasons.map((r) =>
    t("jobs:rise.reason", {
      name: t(`jobs:report.reasons.${r.reason}`),
      count: number(r.count),
      usual: number(r.usual),
    }),
  );
  if (rise.blocklists.length > 0)
    lines.push(t("jobs:rise.listed", { list: rise.blocklists.join(", ") }));
  lines.push(t("jobs:rise.what"), t("jobs:rise.todo"));
  const blocks: Block[] = [
    ...lines.map((text): Block => ({ type: "text", text })),
    {
      type: "context",
      text: t("jobs:rise.seen", { time: dateTime(rise.at) }),
    },
  ];
  if (buttons.length > 0) blocks.push({ type: "actions", buttons });
  const card: Card = {
    title: t("jobs:rise.title", { hosting: rise.hosting }),
    tone: "warning",
    blocks,
  };
  return { text: cardText(card), card, visibility: "channel" };
}

export const riseOffers = (language: Language) =>
  [
    { mutation: "block", label: translator(language)("jobs:button.block") },
  ] as const;
