// A rendered message as discord.js interaction options or as a raw REST body. Both forbid
// every mention: nothing the bot posts can ping anyone.
import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type RawFile,
} from "discord.js";
import type { DiscordMessage } from "./render.ts";

export const NO_MENTIONS = { parse: [] as [], repliedUser: false };
const NO_MENTIONS_RAW = { parse: [] as [], replied_user: false };

export function replyOptions(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    files: files(message),
    allowedMentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

export function editOptions(message: DiscordMessage): InteractionEditReplyOptions {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    files: files(message),
    allowedMentions: NO_MENTIONS,
  };
}

const files = (message: DiscordMessage) =>
  message.files.map((f) => ({ attachment: f.data, name: f.name }));

export function restMessage(message: DiscordMessage): {
  body: Record<string, unknown>;
  files?: RawFile[];
} {
  const body: Record<string, unknown> = {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: NO_MENTIONS_RAW,
  };
  if (message.files.length === 0) return { body };
  body.attachments = message.files.map((f, id) => ({ id, filename: f.name }));
  return {
    body,
    files: message.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })),
  };
}
