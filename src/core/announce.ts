// Announcements of executed actions in the team's channel, in the channel's language.
import { type Voice, voiceOf } from "../i18n/voice.ts";
import type { Confirmation } from "../store/schema.ts";
import type { Card, Reply } from "./reply.ts";
import { cardText } from "./cards/cardText.ts";
import { mutationTitle } from "./cards/mutationTitle.ts";
import { mutationOf } from "./commands/index.ts";
import type { Services } from "./services.ts";

export function channelLanguage(services: Services, hosting?: string) {
  const channels = services.policy.channels;
  return (
    (hosting ? channels.hostings[hosting]?.language : undefined) ??
    channels.language ??
    services.settings.channelLanguage
  );
}

/** The voice of a channel post: the channel's language, the configured time zone. */
export function channelVoice(services: Services, hosting?: string): Voice {
  return voiceOf(channelLanguage(services, hosting), services.settings.timeZone);
}

export function announcement(services: Services, c: Confirmation, reference: string): Reply {
  const { t, dateTime } = channelVoice(services, c.hosting);
  const time = dateTime(c.decidedAt ?? services.clock.now());
  const name = c.decidedBy?.name ?? "";
  const lines = [t(`announce.${c.mutation}`, { name, hosting: c.hosting, time, email: c.args.email })];
  if (c.args.reason) lines.push(t("announce.reason", { reason: c.args.reason }));
  if (c.mutation === "unblock") lines.push(t("announce.unblockBurst"));
  if (c.mutation !== "recipient") lines.push(t(`mutation.${c.mutation}.effect`));
  if (reference) lines.push(t("resolved.reference", { reference }));
  const card: Card = {
    title: mutationTitle({ t }, c),
    tone: mutationOf(c.mutation).look.done,
    blocks: [
      { type: "text", text: lines[0] ?? "" },
      ...lines.slice(1).map((text) => ({ type: "context" as const, text })),
    ],
  };
  const mention = c.decidedBy ? { platform: c.decidedBy.platform, id: c.decidedBy.id, name } : undefined;
  return { text: cardText(card), card, visibility: "channel", mention };
}
