// Plain text from the reply model made safe for Discord markdown, and cut to Discord's limits.
import { escapeMarkdown } from "discord.js";

const ALL = {
  codeBlock: true,
  inlineCode: true,
  bold: true,
  italic: true,
  underline: true,
  strikethrough: true,
  spoiler: true,
  codeBlockContent: true,
  inlineCodeContent: true,
  escape: true,
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
} as const;

/** Escapes every markdown construct so the text shows exactly as written. */
export function escapeText(text: string): string {
  return escapeMarkdown(text, ALL);
}

/** Cuts to `max` characters with an ellipsis, never leaving a dangling escape backslash. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escaped, then fitted. */
export const safe = (text: string, max: number): string => truncate(escapeText(text), max);
