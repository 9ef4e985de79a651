// The complete plain-text fallback of a card (also the terminal's rendering).
import type { Card } from "../reply.ts";

export function cardText(card: Card): string {
  const lines = [card.title];
  for (const block of card.blocks) {
    switch (block.type) {
      case "text":
      case "context":
        lines.push(block.text);
        break;
      case "fields":
        for (const field of block.fields) lines.push(`${field.label}: ${field.value}`);
        break;
      case "divider":
        lines.push("");
        break;
      case "actions":
        lines.push(block.buttons.map((b) => `[${b.label}]`).join(" "));
        break;
    }
  }
  return lines.join("\n");
}
