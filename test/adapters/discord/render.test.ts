// The pure renderer: exact payloads for the reply model's shapes, Discord's limits respected.
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../../adapters/discord/render.ts";
import { restMessage } from "../../../adapters/discord/payload.ts";
import type { Button, Reply } from "../../../src/core/reply.ts";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUv";

const confirmCard: Reply = {
  text: "fallback",
  visibility: "requester",
  card: {
    title: "Block the sending of emails — boulangerie-martin.fr",
    tone: "warning",
    blocks: [
      { type: "text", text: "No e-mail will be deleted; sending is held for 72 hours." },
      {
        type: "fields",
        fields: [
          { label: "State", value: "enabled" },
          { label: "Reason", value: "*contact* form_hacked" },
        ],
      },
      { type: "context", text: "Expires in 5 minutes. Only Ana or an admin can confirm." },
      {
        type: "actions",
        buttons: [
          { id: `mb:ok:${TOKEN}`, role: "confirm", label: "Confirm", style: "primary" },
          { id: `mb:no:${TOKEN}`, role: "cancel", label: "Cancel", style: "default" },
        ],
      },
    ],
  },
};

describe("renderMessage", () => {
  it("renders a confirmation card as one embed and one row: Confirm primary, Cancel secondary", () => {
    expect(renderMessage(confirmCard)).toEqual({
      content: "",
      embeds: [
        {
          title: "Block the sending of emails — boulangerie-martin.fr",
          color: 0xfee75c,
          description: "No e-mail will be deleted; sending is held for 72 hours.",
          fields: [
            { name: "State", value: "enabled", inline: true },
            { name: "Reason", value: "\\*contact\\* form\\_hacked", inline: true },
          ],
          footer: { text: "Expires in 5 minutes. Only Ana or an admin can confirm." },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, custom_id: `mb:ok:${TOKEN}`, label: "Confirm", style: 1 },
            { type: 2, custom_id: `mb:no:${TOKEN}`, label: "Cancel", style: 2 },
          ],
        },
      ],
      files: [],
    });
  });

  it("renders a purge's Confirm as a danger button", () => {
    const reply: Reply = {
      text: "",
      visibility: "requester",
      card: {
        title: "Purge",
        tone: "danger",
        blocks: [
          {
            type: "actions",
            buttons: [{ id: `mb:ok:${TOKEN}`, role: "confirm", label: "Confirm", style: "danger" }],
          },
        ],
      },
    };
    const message = renderMessage(reply);
    expect(message.embeds[0]!.color).toBe(0xed4245);
    expect(message.components[0]!.components[0]!.style).toBe(4);
  });

  it("renders a resolved card (no actions) with an empty component list, which removes the buttons", () => {
    const reply: Reply = {
      text: "",
      visibility: "requester",
      card: {
        title: "Done",
        tone: "success",
        blocks: [
          { type: "text", text: "Request sent successfully" },
          { type: "context", text: "Decided by Ana" },
        ],
      },
    };
    expect(renderMessage(reply)).toEqual({
      content: "",
      embeds: [
        {
          title: "Done",
          color: 0x57f287,
          description: "Request sent successfully",
          footer: { text: "Decided by Ana" },
        },
      ],
      components: [],
      files: [],
    });
  });

  it("renders plain text as escaped content with no embed, and cuts it at 2000 characters", () => {
    expect(
      renderMessage({
        text: "# not a heading\n> not a quote <@123> @everyone\n1. x",
        visibility: "requester",
      }),
    ).toEqual({
      content: "\\# not a heading\n\\> not a quote \\<@123> @everyone\n1\\. x",
      embeds: [],
      components: [],
      files: [],
    });
    const long = renderMessage({ text: "x".repeat(5000), visibility: "requester" });
    expect(long.content).toHaveLength(2000);
    expect(long.content.endsWith("…")).toBe(true);
  });

  it("puts at most 5 buttons in a row and drops ids longer than Discord's 100 characters", () => {
    const buttons: Button[] = Array.from({ length: 7 }, (_, i) => ({
      id: `mb:ok:${TOKEN}${i}`,
      role: "offer",
      label: `B${i}`,
      style: "default",
    }));
    buttons.push({ id: `mb:ok:${"x".repeat(120)}`, role: "confirm", label: "too long", style: "primary" });
    const message = renderMessage({
      text: "",
      visibility: "requester",
      card: { title: "t", tone: "info", blocks: [{ type: "actions", buttons }] },
    });
    expect(message.components.map((row) => row.components.length)).toEqual([5, 2]);
    const ids = message.components.flatMap((row) => row.components.map((b) => b.custom_id));
    expect(ids.every((id) => id.length <= 100)).toBe(true);
    expect(ids).not.toContain(`mb:ok:${"x".repeat(120)}`);
  });

  it("keeps text that follows fields in place, as a full-width field", () => {
    const message = renderMessage({
      text: "",
      visibility: "requester",
      card: {
        title: "Error report",
        tone: "info",
        blocks: [
          { type: "fields", fields: [{ label: "a.fr", value: "2 errors" }] },
          { type: "text", text: "line a" },
          { type: "fields", fields: [{ label: "b.fr", value: "0 errors" }] },
        ],
      },
    });
    expect(message.embeds[0]!.description).toBeUndefined();
    expect(message.embeds[0]!.fields).toEqual([
      { name: "a.fr", value: "2 errors", inline: true },
      { name: "\u200b", value: "line a", inline: false },
      { name: "b.fr", value: "0 errors", inline: true },
    ]);
  });

  it("keeps an embed within Discord's limits (25 fields, 1024 per value, 6000 in all)", () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({
      label: `field ${i}`,
      value: "v".repeat(2000),
    }));
    const message = renderMessage({
      text: "",
      visibility: "requester",
      card: { title: "big", tone: "info", blocks: [{ type: "fields", fields }] },
    });
    const embed = message.embeds[0]!;
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    expect(embed.fields!.every((f) => f.value.length <= 1024)).toBe(true);
    const total =
      embed.title!.length + embed.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
  });

  it("splits a long text block among fields at line ends instead of cutting it at 1024", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `reason ${i}: ${"x".repeat(60)}`);
    const message = renderMessage({
      text: "",
      visibility: "channel",
      card: {
        title: "Daily report",
        tone: "info",
        blocks: [
          { type: "fields", fields: [{ label: "a.fr", value: "30 errors" }] },
          { type: "text", text: lines.join("\n") },
        ],
      },
    });
    const paragraphs = message.embeds[0]!.fields!.slice(1);
    expect(paragraphs.length).toBeGreaterThan(1);
    expect(paragraphs.every((f) => f.value.length <= 1024 && f.name === "\u200b" && !f.inline)).toBe(true);
    expect(paragraphs.map((f) => f.value).join("\n")).toBe(lines.join("\n"));
  });

  it("sends attachments as files and shows a PNG chart inside the embed", () => {
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const message = renderMessage({
      text: "",
      visibility: "channel",
      card: { title: "Daily report", tone: "info", blocks: [{ type: "text", text: "2 errors" }] },
      attachments: [{ filename: "volumes.png", contentType: "image/png", data }],
    });
    expect(message.files).toEqual([{ name: "volumes.png", data, contentType: "image/png" }]);
    expect(message.embeds[0]!.image).toEqual({ url: "attachment://volumes.png" });
    const rest = restMessage(message);
    expect(rest.body.attachments).toEqual([{ id: 0, filename: "volumes.png" }]);
    expect(rest.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(rest.files).toEqual([{ name: "volumes.png", data, contentType: "image/png" }]);
  });
});
