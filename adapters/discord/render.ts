// Reply → Discord message: a pure function. A card becomes one embed (title, colour by tone,
// text and fields in order, context lines in the footer) plus rows of at most five buttons.
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle as DiscordButtonStyle,
  ComponentType,
} from "discord.js";
import {
  type Button,
  type ButtonStyle,
  type Card,
  MAX_BUTTON_ID_LENGTH,
  MAX_BUTTONS_PER_ROW,
  type Reply,
  type Tone,
} from "../../src/core/reply.ts";
import { chunkLines } from "../../src/core/chunkLines.ts";
import { escapeText, safe, truncate } from "./escape.ts";

/** Discord's documented limits. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  rows: 5,
  label: 80,
} as const;

export const TONE_COLORS: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  danger: 0xed4245,
};

export const BUTTON_STYLES: Record<
  ButtonStyle,
  DiscordButtonStyle.Primary | DiscordButtonStyle.Danger | DiscordButtonStyle.Secondary
> = {
  primary: DiscordButtonStyle.Primary,
  danger: DiscordButtonStyle.Danger,
  default: DiscordButtonStyle.Secondary,
};

/** A field with an invisible name: a full-width paragraph that keeps its place among fields. */
const BLANK = "\u200b";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType: string;
}

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  /** Always present: an empty list removes the buttons of the message being replaced. */
  components: ButtonRow[];
  files: DiscordFile[];
}

export function renderMessage(reply: Reply): DiscordMessage {
  const files = (reply.attachments ?? []).map((a) => ({
    name: a.filename,
    data: a.data,
    contentType: a.contentType,
  }));
  if (!reply.card) {
    return { content: safe(reply.text, LIMITS.content), embeds: [], components: [], files };
  }
  const embed = renderEmbed(reply.card);
  mentionPerson(embed, reply.mention);
  const image = files.find((f) => f.contentType === "image/png");
  if (image) embed.image = { url: `attachment://${image.name}` };
  return { content: "", embeds: [embed], components: renderButtons(reply.card), files };
}

/**
 * An answer as the messages it takes: a plain text longer than one message (a history of 100
 * records) is cut at line ends into several, so none of it is lost; a card is one message.
 */
export function renderMessages(reply: Reply): DiscordMessage[] {
  const first = renderMessage(reply);
  if (reply.card || reply.text.length <= LIMITS.content) return [first];
  const pieces = chunkLines(escapeText(reply.text), LIMITS.content, truncate);
  return pieces.map((content, i) => ({ ...first, content, files: i === 0 ? first.files : [] }));
}

/**
 * A Discord user named in the text is shown as a mention (`<@id>`), which Discord draws with
 * their current name: a display name chosen to look like someone else's cannot fool the
 * channel. Posts are sent with no allowed mentions, so nobody is pinged.
 */
function mentionPerson(embed: APIEmbed, mention: Reply["mention"]): void {
  if (mention?.platform !== "discord" || !/^\d{1,20}$/.test(mention.id) || !embed.description) return;
  const name = escapeText(mention.name);
  if (name) embed.description = embed.description.replace(name, () => `<@${mention.id}>`);
}

export function renderEmbed(card: Card): APIEmbed {
  const embed: APIEmbed = { title: safe(card.title, LIMITS.title), color: TONE_COLORS[card.tone] };
  const description: string[] = [];
  const fields: APIEmbedField[] = [];
  const footer: string[] = [];
  // A context line between a card's fields (a report's note under its hosting) stays there;
  // only the closing ones (who decided, when it expires) go to the footer.
  const lastContent = card.blocks.reduce((last, b, i) => (b.type === "text" || b.type === "fields" ? i : last), -1);
  for (const [index, block] of card.blocks.entries()) {
    if (block.type === "context" && fields.length > 0 && index < lastContent) {
      fields.push(...paragraphFields(block.text, true));
    } else if (block.type === "text") {
      // Text before any field is the description; later text stays in order among the fields.
      if (fields.length === 0) description.push(block.text);
      else fields.push(...paragraphFields(block.text));
    } else if (block.type === "fields") {
      for (const field of block.fields) {
        fields.push({
          name: safe(field.label, LIMITS.fieldName),
          value: safe(field.value || "–", LIMITS.fieldValue),
          inline: true,
        });
      }
    } else if (block.type === "context") {
      footer.push(block.text);
    }
  }
  if (description.length > 0)
    embed.description = safe(description.join("\n\n"), LIMITS.description);
  if (fields.length > 0) embed.fields = fields.slice(0, LIMITS.fields);
  // The footer is shown as plain text by Discord: no escaping.
  if (footer.length > 0) embed.footer = { text: truncate(footer.join("\n"), LIMITS.footer) };
  return withinTotal(embed);
}

/**
 * A text block among fields, as full-width fields of at most 1024 characters each, cut at line
 * ends: a report's list of reasons for one hosting is longer than one field may hold.
 */
function paragraphFields(text: string, secondary = false): APIEmbedField[] {
  // A secondary line (a context) is set in italics, line by line.
  const shown = secondary
    ? escapeText(text)
        .split("\n")
        .map((line) => (line ? `*${line}*` : line))
        .join("\n")
    : escapeText(text);
  return chunkLines(shown, LIMITS.fieldValue, truncate).map((value) => ({
    name: BLANK,
    value,
    inline: false,
  }));
}

/** Drops trailing fields until the embed fits Discord's 6000-character total. */
function withinTotal(embed: APIEmbed): APIEmbed {
  const size = (e: APIEmbed) =>
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  while (size(embed) > LIMITS.embedTotal && embed.fields && embed.fields.length > 0) {
    embed.fields = embed.fields.slice(0, -1);
  }
  return embed;
}

export function renderButtons(card: Card): ButtonRow[] {
  const buttons = card.blocks
    .flatMap((b) => (b.type === "actions" ? b.buttons : []))
    // An id Discord would refuse cannot be clicked anyway; the engine never makes one.
    .filter((b) => b.id.length > 0 && b.id.length <= MAX_BUTTON_ID_LENGTH);
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < LIMITS.rows; i += MAX_BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + MAX_BUTTONS_PER_ROW).map(renderButton),
    });
  }
  return rows;
}

function renderButton(button: Button): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: button.id,
    label: truncate(button.label, LIMITS.label),
    style: BUTTON_STYLES[button.style],
  };
}
