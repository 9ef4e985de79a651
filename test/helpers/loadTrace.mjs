// Preloaded with `node --import` in a child process: at exit (or on SIGUSR2), writes to LOAD_TRACE_FILE every
// module the process loaded (ES modules through a resolve hook, CommonJS ones from
// require's cache), one file URL or path a line, so a test can tell which libraries a
// command loaded.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const file = process.env.LOAD_TRACE_FILE;
const loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => loaded.add(url));
port1.unref();
register(new URL("./loadTraceHooks.mjs", import.meta.url), {
  data: { port: port2 },
  transferList: [port2],
});
function write() {
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  if (file) appendFileSync(file, [...loaded, ...cjs].map((m) => `${m}\n`).join(""));
}
process.on("exit", write);
// A process that keeps running (the bot) is asked for its trace with SIGUSR2.
process.on("SIGUSR2", () => {
  write();
  process.stderr.write("load trace written\n");
});
