// The channel sink contract, run against the terminal sink. One file per sink: each platform's
// library runs in a process of its own here.
import { readdir } from "node:fs/promises";
import { ConsoleSink } from "../../../adapters/console/sink.ts";
import { useTempDir } from "../../helpers/tempDir.ts";
import { sinkContract } from "./sinkContract.ts";

const tempDir = useTempDir();

sinkContract("terminal", async () => {
  const dir = await tempDir();
  const printed: string[] = [];
  const sink = new ConsoleSink((text) => printed.push(text), { color: false }, dir);
  let posts = 0;
  const original = sink.post.bind(sink);
  sink.post = async (reply) => {
    posts += 1;
    return original(reply);
  };
  return {
    sink,
    posted: async () => printed.slice(0, posts),
    edited: async () => printed.slice(posts),
    files: async () => readdir(dir),
    close: async () => undefined,
  };
});
