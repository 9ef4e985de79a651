// Channel posts through Discord's REST API alone, with no gateway session. On a shared
// database only the leader holds the gateway, but every replica carries out actions (a Slack
// click, a script), and each one's announcement and progress must reach Discord too.
import type { App, RunningAdapter } from "../../src/app.ts";
import { ConfigError } from "../../src/errors.ts";
import { createRest } from "./client.ts";
import { DiscordSink } from "./sink.ts";

export function startPoster(app: App): RunningAdapter {
  const { DISCORD_TOKEN: token, DISCORD_API_URL: apiUrl, MAILBRAKE_DISCORD_CHANNEL: channel } = app.env;
  if (!token) throw new ConfigError("DISCORD_TOKEN is required");
  const logger = app.services.logger.child({ component: "discord" });
  const sink = new DiscordSink(createRest({ apiUrl }, token), channel, app.services.policy, logger);
  app.services.notifier.add(sink);
  return {
    async stop() {
      app.services.notifier.remove(sink);
      sink.stop();
    },
  };
}
