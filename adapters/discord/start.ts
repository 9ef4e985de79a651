// Entry point of the Discord adapter (src/index.ts imports it when DISCORD_TOKEN is set).
// discord.js is loaded here, on demand: vega-lite (report charts) adds Set.prototype.toJSON
// when imported, and with it present discord.js's event emitter fails to initialise
// ("string "Set()" is not iterable"). The method is set aside while discord.js loads.
import type { App } from "../../src/app.ts";
import type { RunningAdapter } from "../../src/index.ts";
import type { DiscordOptions, RunningDiscord } from "./adapter.ts";

export type { DiscordOptions, RunningDiscord } from "./adapter.ts";
export { DEFAULT_TIMING } from "./timing.ts";

export function start(app: App): Promise<RunningAdapter> {
  return startDiscord(app);
}

export async function startDiscord(
  app: App,
  options: DiscordOptions = {},
): Promise<RunningDiscord> {
  const adapter = await withoutSetToJson(() => import("./adapter.ts"));
  return adapter.startDiscord(app, options);
}

async function withoutSetToJson<T>(load: () => Promise<T>): Promise<T> {
  const proto = Set.prototype as { toJSON?: unknown };
  const descriptor = Object.getOwnPropertyDescriptor(proto, "toJSON");
  if (!descriptor) return load();
  delete proto.toJSON;
  try {
    return await load();
  } finally {
    Object.defineProperty(proto, "toJSON", descriptor);
  }
}
