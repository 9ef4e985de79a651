// Renders a reply as terminal text: a pure function, like the other adapters' renderers.
import type { Block, Reply, Tone } from "../../src/core/reply.ts";

/** A card's mark by tone. A red card is not a failure (a purge to confirm, a stopped hosting,
 * an alert): "■"; only a reply that failed or was refused gets FAILED_MARK. */
const marks: Record<Tone, string> = { info: "·", success: "✓", warning: "!", danger: "■" };
export const FAILED_MARK = "✗";

export interface TerminalStyle {
  color: boolean;
}

const colors: Record<Tone, string> = {
  info: "\x1b[36m",
  success: "\x1b[32m",
  warning: "\x1b[33m",
  danger: "\x1b[31m",
};

/** Strips control characters so text from users or the provider cannot drive the terminal. */
export const clean = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");

export function renderText(reply: Reply, style: TerminalStyle = { color: false }): string {
  if (!reply.card) return clean(reply.text);
  const { card } = reply;
  const paint = (text: string) => (style.color ? `${colors[card.tone]}${text}\x1b[0m` : text);
  const mark = reply.failed ? FAILED_MARK : marks[card.tone];
  const lines = [paint(`${mark} ${clean(card.title)}`)];
  for (const block of card.blocks) lines.push(...renderBlock(block));
  return lines.join("\n");
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case "text":
      return clean(block.text).split("\n").map((line) => `  ${line}`);
    case "context":
      // Every line indented and in brackets: a second line never starts at the margin.
      return clean(block.text)
        .split("\n")
        .map((line) => `  (${line})`);
    case "divider":
      return [""];
    case "fields": {
      const width = Math.max(...block.fields.map((f) => f.label.length));
      return block.fields.map((f) => `  ${clean(f.label).padEnd(width)}  ${clean(f.value)}`);
    }
    case "actions":
      return [];
  }
}

/** The confirm button of a reply, if it asks for a decision. */
export function confirmButton(reply: Reply): { confirm: string; cancel?: string } | undefined {
  const actions = reply.card?.blocks.find((b) => b.type === "actions");
  if (actions?.type !== "actions") return undefined;
  const confirm = actions.buttons.find((b) => b.role === "confirm");
  const cancel = actions.buttons.find((b) => b.role === "cancel");
  return confirm ? { confirm: confirm.id, cancel: cancel?.id } : undefined;
}
