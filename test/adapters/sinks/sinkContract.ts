// What every channel sink promises the notifier, whatever the platform: a post reaches the
// team channel with the reply's words and gives one reference per message, on its own
// platform; a posted message can be edited in place; a chart goes along as a file; another
// platform's origin channel is never posted to. Run against each sink (DESIGN.md: one
// contract suite per port).
import { describe, expect, it } from "vitest";
import type { ChannelSink } from "../../../src/core/notifier.ts";
import type { Reply } from "../../../src/core/reply.ts";

export interface SinkHarness {
  sink: ChannelSink;
  /** The text of every message the platform received, in order. */
  posted(): Promise<string[]>;
  /** The text of every edit the platform received, in order. */
  edited(): Promise<string[]>;
  /** The file names the platform received (or the terminal saved). */
  files(): Promise<string[]>;
  close(): Promise<void>;
}

const reply: Reply = {
  text: "Daily report\n2 errors",
  visibility: "channel",
  card: { title: "Daily report", tone: "info", blocks: [{ type: "text", text: "2 errors" }] },
};

export function sinkContract(name: string, start: () => Promise<SinkHarness>): void {
  describe(`channel sink contract: ${name}`, () => {
    async function withHarness(run: (h: SinkHarness) => Promise<void>): Promise<void> {
      const harness = await start();
      try {
        await run(harness);
      } finally {
        await harness.close();
      }
    }

    it("posts the reply's words and answers one reference per message, on its platform", () =>
      withHarness(async ({ sink, posted }) => {
        const refs = await sink.post(reply, {});
        expect(refs.length).toBeGreaterThan(0);
        expect(refs.every((r) => r.platform === sink.platform && r.id !== "")).toBe(true);
        const texts = await posted();
        expect(texts).toHaveLength(refs.length);
        for (const text of texts) expect(text).toContain("2 errors");
      }));

    it("edits a posted message in place", () =>
      withHarness(async ({ sink, edited }) => {
        const [ref] = await sink.post(reply, {});
        await sink.edit(ref!, { text: "Purge in progress", visibility: "channel" });
        expect(await edited()).toEqual([expect.stringContaining("Purge in progress")]);
      }));

    it("sends a report's chart as a file", () =>
      withHarness(async ({ sink, files }) => {
        const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
        await sink.post({ ...reply, attachments: [{ filename: "chart.png", contentType: "image/png", data: png }] }, {});
        expect(await files()).toContainEqual(expect.stringMatching(/chart\.png$/));
      }));

    it("never posts to the channel a command came from on another platform", () =>
      withHarness(async ({ sink, posted }) => {
        const other = sink.platform === "slack" ? "discord" : "slack";
        const alone = await sink.post(reply, {});
        const withOrigin = await sink.post(reply, { origin: { platform: other, channel: "C0ELSEWHERE1" } });
        expect(withOrigin.map((r) => r.channel)).toEqual(alone.map((r) => r.channel));
        expect((await posted()).length).toBe(alone.length * 2);
      }));
  });
}
