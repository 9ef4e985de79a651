// The channel sink contract, run against the Discord sink. One file per sink: each platform's
// library runs in a process of its own here.
import { startRig } from "../../helpers/discord.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { sinkContract } from "./sinkContract.ts";

const tempDir = useTempDir();

sinkContract("Discord", async () => {
  const rig = await startRig({ dataDir: await tempDir() });
  const content = (method: string) =>
    rig.fake.requestsTo(method, /^\/channels\/\d+\/messages/).map((r) => {
      const body = r.body as { content?: string; embeds?: unknown[] };
      return `${body.content ?? ""} ${JSON.stringify(body.embeds ?? [])}`;
    });
  return {
    sink: rig.adapter.sink,
    posted: async () => content("POST"),
    edited: async () => content("PATCH"),
    files: async () => rig.fake.requestsTo("POST", /^\/channels\//).flatMap((r) => r.files.map((f) => f.filename)),
    close: () => rig.close(),
  };
});
