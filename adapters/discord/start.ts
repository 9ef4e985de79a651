// Entry point of the Discord adapter (the start-up path imports it when DISCORD_TOKEN is set).
import type { App, RunningAdapter } from "../../src/app.ts";
import { type DiscordOptions, startDiscord } from "./adapter.ts";
import { startPoster } from "./poster.ts";

export type { DiscordOptions, RunningDiscord } from "./adapter.ts";
export { DEFAULT_TIMING } from "./timing.ts";
export { startDiscord, startPoster };

export function start(app: App, options: DiscordOptions = {}): Promise<RunningAdapter> {
  return startDiscord(app, options);
}
