// Plain text from the reply model made safe for Discord markdown, and cut to Discord's limits.
// Discord drops a backslash before any punctuation, so escaping is by backslash. (discord.js's
// escapeMarkdown is quadratic on long runs of text: 85 ms for 4000 characters, measured here.)

/** Marks that format text anywhere: emphasis, code, spoilers, masked links, mentions. */
const INLINE = /[\\*_~`|[\]<]/g;
/** Marks that format a line by its start: headings, quotes, lists. */
const LINE_START = /^(\s*)([#>+-])/gm;
const NUMBERED = /^(\s*)(\d+)\.(?=\s)/gm;

/** Escapes every markdown construct so the text shows exactly as written. */
export function escapeText(text: string): string {
  return text.replace(INLINE, "\\$&").replace(LINE_START, "$1\\$2").replace(NUMBERED, "$1$2\\.");
}

/** Cuts to `max` characters with an ellipsis, never leaving a dangling escape backslash. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escaped, then cut. */
export const safe = (text: string, max: number): string => truncate(escapeText(text), max);
