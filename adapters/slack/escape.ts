// Text bound for Slack. Every string (translated or typed by a user: a block reason, an
// address, a display name) is escaped so it can neither ping anyone nor inject links.
const WORD_JOINER = "\u2060";
/** Looks like a backtick, but Slack does not read it as the start of code. */
const GRAVE_LOOKALIKE = "\u02cb";

/** Every character one of `slackText`'s replacements starts from. */
const SPECIAL = /[&<>@`*_~]/;

/**
 * Escapes Slack's control characters (&, <, >), which also defuses `<!channel>`, `<@U1>`,
 * `<#C1>` and `<url|label>`, and puts an invisible word joiner after an `@` that starts a
 * word, so `@channel`, `@here`, `@everyone` and `@name` stay plain text. E-mail addresses
 * (an `@` inside a word) are left as they are. Backticks and opening `*`, `_`, `~` are
 * defused so typed text cannot turn the rest of a message into code or bold; a `_` inside a
 * word (an address such as first_last@example.com) is left as it is.
 */
export function slackText(text: string): string {
  // Most labels and values have none of the characters below: nothing to replace.
  if (!SPECIAL.test(text)) return text;
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_])/gu, `$1@${WORD_JOINER}`)
    .replace(/`/g, GRAVE_LOOKALIKE)
    .replace(/(^|[\s([{"'“‘])([*_~])(?=\S)/gu, `$1$2${WORD_JOINER}`);
}

/**
 * Text as Slack sends it (a slash command's text, like message text) has `&`, `<` and `>`
 * escaped already. Decoded once on the way in, so that what people typed is kept and shown as
 * typed, and escaped once on the way out by `slackText`. `&amp;` is decoded last, so
 * `&amp;lt;` stays the `&lt;` a person typed.
 */
export function slackDecode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Shortens escaped text to Slack's limit without cutting an entity or a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  cut = cut.replace(/&[a-z]{0,4}$/, "");
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
