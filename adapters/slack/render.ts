// Reply → Block Kit: a pure function. Header (plain text), sections for text and fields, a
// context line, and buttons; `text` is the complete plain fallback (notifications, screen readers).
import type { Block, Button, Reply, Tone } from "../../src/core/reply.ts";
import { chunkLines } from "../../src/core/chunkLines.ts";
import { clip, slackText } from "./escape.ts";

// Slack's limits (Block Kit reference).
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const BUTTON_LABEL_MAX = 75;
const MAX_BLOCKS = 50;
const FALLBACK_MAX = 39_000;
const CONFIRM_TITLE_MAX = 100;
const CONFIRM_TEXT_MAX = 300;
const CONFIRM_BUTTON_MAX = 30;

const toneEmoji: Record<Tone, string> = {
  info: ":information_source:",
  success: ":white_check_mark:",
  warning: ":warning:",
  // Red, not "refused": a purge to confirm, a stopped hosting, an alert. Failures get FAILED.
  danger: ":red_circle:",
};
const FAILED = ":x:";

type PlainText = { type: "plain_text"; text: string; emoji?: boolean };
type Mrkdwn = { type: "mrkdwn"; text: string };

export interface SlackButton {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
  style?: "primary" | "danger";
  confirm?: { title: PlainText; text: PlainText; confirm: PlainText; deny: PlainText; style?: "primary" | "danger" };
}

export type SlackBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn }
  | { type: "section"; fields: Mrkdwn[] }
  | { type: "divider" }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "actions"; elements: SlackButton[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const plain = (text: string, max: number): PlainText => ({ type: "plain_text", text: clip(text, max) });

/** Plain text in a `plain_text` object: Slack shows it literally (no mentions), only the length matters. */
const plainEmoji = (text: string, max: number): PlainText => ({ ...plain(text, max), emoji: true });

function renderButton(button: Button): SlackButton {
  const out: SlackButton = {
    type: "button",
    action_id: button.id,
    text: plain(button.label, BUTTON_LABEL_MAX),
    value: button.id,
  };
  if (button.style !== "default") out.style = button.style;
  if (button.confirm) {
    out.confirm = {
      title: plain(button.confirm.title, CONFIRM_TITLE_MAX),
      text: plain(button.confirm.text, CONFIRM_TEXT_MAX),
      confirm: plain(button.confirm.confirm, CONFIRM_BUTTON_MAX),
      deny: plain(button.confirm.deny, CONFIRM_BUTTON_MAX),
    };
    if (button.style === "danger") out.confirm.style = "danger";
  }
  return out;
}

const sections = (text: string): SlackBlock[] =>
  chunkLines(slackText(text), SECTION_MAX, clip).map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: chunk } }));

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case "text":
      return sections(block.text);
    case "context":
      return [{ type: "context", elements: [{ type: "mrkdwn", text: clip(slackText(block.text), SECTION_MAX) }] }];
    case "divider":
      return [{ type: "divider" }];
    case "fields": {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += FIELDS_PER_SECTION) {
        const fields = block.fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({
          type: "mrkdwn" as const,
          text: clip(`*${slackText(f.label)}*\n${slackText(f.value)}`, FIELD_MAX),
        }));
        out.push({ type: "section", fields });
      }
      return out;
    }
    case "actions":
      return block.buttons.length === 0 ? [] : [{ type: "actions", elements: block.buttons.map(renderButton) }];
  }
}

/** The Block Kit message of a reply. Replies without a card become text sections. */
export function renderReply(reply: Reply): SlackMessage {
  const text = clip(slackText(reply.text), FALLBACK_MAX);
  if (!reply.card) return { text, blocks: sections(reply.text).slice(0, MAX_BLOCKS) };
  const { card } = reply;
  const blocks: SlackBlock[] = [
    { type: "header", text: plainEmoji(`${reply.failed ? FAILED : toneEmoji[card.tone]} ${card.title}`, HEADER_MAX) },
    ...card.blocks.flatMap(renderBlock),
  ];
  return { text, blocks: keepActions(blocks) };
}

/** Past Slack's 50-block limit, drop body blocks but never the buttons. */
function keepActions(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const actions = blocks.filter((b) => b.type === "actions");
  const body = blocks.filter((b) => b.type !== "actions").slice(0, MAX_BLOCKS - actions.length);
  return [...body, ...actions];
}
