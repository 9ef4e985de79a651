// Entry point of the Discord adapter (the start-up path imports it when DISCORD_TOKEN is set).
import type { App, RunningAdapter } from "../../src/app.ts";
import { startDiscord } from "./adapter.ts";

export type { DiscordOptions, RunningDiscord } from "./adapter.ts";
export { DEFAULT_TIMING } from "./timing.ts";
export { startDiscord };

export function start(app: App): Promise<RunningAdapter> {
  return startDiscord(app);
}
