// The Block Kit renderer is pure: exact output for the card shapes the engine produces.
import { describe, expect, it } from "vitest";
import { clip, slackText } from "../../../adapters/slack/escape.ts";
import { chunkLines } from "../../../src/core/chunkLines.ts";
import { renderReply } from "../../../adapters/slack/render.ts";
import type { Reply } from "../../../src/core/reply.ts";

const WJ = "\u2060";

describe("renderReply", () => {
  it("renders a purge confirmation card exactly", () => {
    const reply: Reply = {
      text: "Purge emails — shop.example\n[Confirm] [Cancel]",
      visibility: "requester",
      card: {
        title: "Purge emails — shop.example",
        tone: "danger",
        blocks: [
          { type: "text", text: "Held e-mails are deleted." },
          { type: "fields", fields: [{ label: "State", value: "disabled" }, { label: "Reason", value: "<!channel> spam" }] },
          { type: "context", text: "Expires in 5 min." },
          {
            type: "actions",
            buttons: [
              {
                id: "mb:ok:abcdefghijklmnop",
                role: "confirm",
                label: "Confirm",
                style: "danger",
                confirm: { title: "Purge emails — shop.example", text: "Held e-mails are deleted.", confirm: "Purge emails", deny: "Cancel" },
              },
              { id: "mb:no:abcdefghijklmnop", role: "cancel", label: "Cancel", style: "default" },
            ],
          },
        ],
      },
    };
    expect(renderReply(reply)).toEqual({
      text: "Purge emails — shop.example\n[Confirm] [Cancel]",
      blocks: [
        { type: "header", text: { type: "plain_text", text: ":red_circle: Purge emails — shop.example", emoji: true } },
        { type: "section", text: { type: "mrkdwn", text: "Held e-mails are deleted." } },
        {
          type: "section",
          fields: [
            { type: "mrkdwn", text: "*State*\ndisabled" },
            { type: "mrkdwn", text: "*Reason*\n&lt;!channel&gt; spam" },
          ],
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "Expires in 5 min." }] },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "mb:ok:abcdefghijklmnop",
              value: "mb:ok:abcdefghijklmnop",
              text: { type: "plain_text", text: "Confirm" },
              style: "danger",
              confirm: {
                title: { type: "plain_text", text: "Purge emails — shop.example" },
                text: { type: "plain_text", text: "Held e-mails are deleted." },
                confirm: { type: "plain_text", text: "Purge emails" },
                deny: { type: "plain_text", text: "Cancel" },
                style: "danger",
              },
            },
            { type: "button", action_id: "mb:no:abcdefghijklmnop", value: "mb:no:abcdefghijklmnop", text: { type: "plain_text", text: "Cancel" } },
          ],
        },
      ],
    });
  });

  it("a block confirmation styles Confirm primary, without a dialog", () => {
    const { blocks } = renderReply({
      text: "x",
      visibility: "requester",
      card: {
        title: "Block",
        tone: "warning",
        blocks: [{ type: "actions", buttons: [{ id: "mb:ok:abcdefghijklmnop", role: "confirm", label: "Confirm", style: "primary" }] }],
      },
    });
    expect(blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: ":warning: Block", emoji: true } },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: "mb:ok:abcdefghijklmnop", value: "mb:ok:abcdefghijklmnop", text: { type: "plain_text", text: "Confirm" }, style: "primary" },
        ],
      },
    ]);
  });

  it("a resolved card has no actions block: the outcome and who decided instead", () => {
    const { blocks } = renderReply({
      text: "Done",
      visibility: "requester",
      card: {
        title: "Block — a.example",
        tone: "success",
        blocks: [
          { type: "text", text: "Request sent successfully." },
          { type: "context", text: "Decided by @alice at 10:00" },
          { type: "actions", buttons: [] },
          { type: "divider" },
        ],
      },
    });
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "context", "divider"]);
    expect(blocks[2]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: `Decided by @${WJ}alice at 10:00` }] });
  });

  it("a reply without a card is its escaped text in sections", () => {
    expect(renderReply({ text: "Hi <@U1> & @here", visibility: "requester" })).toEqual({
      text: `Hi &lt;@${WJ}U1&gt; &amp; @${WJ}here`,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: `Hi &lt;@${WJ}U1&gt; &amp; @${WJ}here` } }],
    });
  });

  it("splits long text and more than ten fields within Slack's limits", () => {
    const long = Array.from({ length: 200 }, (_, i) => `line ${i} ${"x".repeat(40)}`).join("\n");
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const { blocks } = renderReply({
      text: long,
      visibility: "channel",
      card: { title: "t".repeat(400), tone: "info", blocks: [{ type: "text", text: long }, { type: "fields", fields }] },
    });
    const header = blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    const sections = blocks.filter((b) => b.type === "section" && "text" in b) as { text: { text: string } }[];
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    const fieldSections = blocks.filter((b) => b.type === "section" && "fields" in b) as { fields: unknown[] }[];
    expect(fieldSections.map((s) => s.fields.length)).toEqual([10, 10, 3]);
  });

  it("keeps the buttons when a card would pass fifty blocks", () => {
    const { blocks } = renderReply({
      text: "x",
      visibility: "requester",
      card: {
        title: "many",
        tone: "info",
        blocks: [
          ...Array.from({ length: 60 }, () => ({ type: "divider" as const })),
          { type: "actions", buttons: [{ id: "mb:ok:abcdefghijklmnop", role: "confirm", label: "OK", style: "primary" }] },
        ],
      },
    });
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)?.type).toBe("actions");
  });
});

describe("slackText", () => {
  it.each([
    ["<!channel> go", "&lt;!channel&gt; go"],
    ["<!here|here>", "&lt;!here|here&gt;"],
    ["hi <@U024BE7LH>", `hi &lt;@${WJ}U024BE7LH&gt;`],
    ["<https://evil.example|click>", "&lt;https://evil.example|click&gt;"],
    ["@channel now", `@${WJ}channel now`],
    ["ping @here and @everyone", `ping @${WJ}here and @${WJ}everyone`],
    ["(@alice)", `(@${WJ}alice)`],
    ["AT&T", "AT&amp;T"],
    ["```code```", "\u02cb\u02cb\u02cbcode\u02cb\u02cb\u02cb"],
    ["*bold* and _it_ and ~gone~", `*${WJ}bold* and _${WJ}it_ and ~${WJ}gone~`],
  ])("defuses %j", (input, expected) => {
    expect(slackText(input)).toBe(expected);
  });

  it("leaves e-mail addresses, also with an underscore, as they are", () => {
    expect(slackText("report to first_last@shop.example")).toBe("report to first_last@shop.example");
    expect(slackText("a+b@x.example")).toBe("a+b@x.example");
  });

  it("clip never cuts an entity or a surrogate pair", () => {
    expect(clip("ab&amp;cd", 5)).toBe("ab…");
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("short", 10)).toBe("short");
  });

  it("chunkLines keeps every line within the limit", () => {
    expect(chunkLines("aaa\nbbb\nccc", 7, clip)).toEqual(["aaa\nbbb", "ccc"]);
  });
});
