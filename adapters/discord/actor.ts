// Who clicked or typed, where, and in which language, from a Discord interaction.
import type { APIInteractionGuildMember, BaseInteraction, GuildMember } from "discord.js";
import type { Actor, Place } from "../../src/core/actor.ts";
import { type Language, toLanguage } from "../../src/i18n/index.ts";

export interface Asker {
  actor: Actor;
  place: Place;
  language: Language;
}

/** Role ids: a cached GuildMember has a role manager; an uncached one is the raw API member. */
function roleIds(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  if (Array.isArray(member.roles)) return [...member.roles];
  return [...(member as GuildMember).roles.cache.keys()];
}

function displayName(interaction: BaseInteraction): string {
  const member = interaction.member;
  const nick = member && "nick" in member ? member.nick : (member as GuildMember | null)?.nickname;
  return nick ?? interaction.user.globalName ?? interaction.user.username;
}

export function askerOf(interaction: BaseInteraction, fallback: Language): Asker {
  const inGuild = interaction.guildId !== null;
  return {
    actor: {
      platform: "discord",
      id: interaction.user.id,
      name: displayName(interaction),
      groups: inGuild ? roleIds(interaction.member) : [],
    },
    // A direct message has no server context: the engine refuses changes there.
    place: { channel: interaction.channelId ?? "dm", inTeamSpace: inGuild },
    language: toLanguage(interaction.locale) ?? fallback,
  };
}
