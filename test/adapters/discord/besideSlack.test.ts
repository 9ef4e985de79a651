// Discord and Slack in one process: @slack/bolt loads undici 7, and discord.js's bundled undici
// 6 then failed every post that carried a file. A bot running both must still post the chart.
import "@slack/bolt";
import { describe, expect, it } from "vitest";
import { startRig } from "../../helpers/discord.ts";
import { useTempDir } from "../../helpers/tempDir.ts";

const tempDir = useTempDir();

describe("Discord beside Slack", () => {
  it("posts a reply with a PNG attachment when @slack/bolt is loaded in the same process", async () => {
    const rig = await startRig({ dataDir: await tempDir() });
    try {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
      const posted = await rig.adapter.sink.post(
        {
          text: "Daily report",
          visibility: "channel",
          card: {
            title: "Daily report",
            tone: "info",
            blocks: [{ type: "text", text: "2 errors" }],
          },
          attachments: [{ filename: "chart.png", contentType: "image/png", data: png }],
        },
        {},
      );
      expect(posted.length).toBeGreaterThan(0);
      const files = rig.fake
        .requestsTo("POST", /^\/channels\//)
        .flatMap((r) => r.files.map((f) => f.filename));
      expect(files).toContainEqual(expect.stringMatching(/chart\.png$/));
    } finally {
      await rig.close();
    }
  });
});
