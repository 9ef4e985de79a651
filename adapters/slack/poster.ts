// Channel posts through Slack's Web API alone, with no receiver: a one-shot command run by a
// script or a person at a terminal announces its action in the team's channel, as a click would.
import { webApi } from "@slack/bolt";
import type { App, RunningAdapter } from "../../src/app.ts";
import { ConfigError } from "../../src/errors.ts";
import { boltLogger } from "./boltLogger.ts";
import { SlackSink } from "./sink.ts";
import { apiUrl, RETRY } from "./start.ts";

export function startPoster(app: App): RunningAdapter {
  const { SLACK_BOT_TOKEN: token, SLACK_API_URL, MAILBRAKE_SLACK_CHANNEL: channel } = app.env;
  if (!token) throw new ConfigError("SLACK_BOT_TOKEN: required for Slack posts");
  const logger = app.services.logger.child({ component: "slack" });
  const client = new webApi.WebClient(token, {
    slackApiUrl: apiUrl(SLACK_API_URL),
    retryConfig: RETRY,
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
  });
  const sink = new SlackSink(client, { channel, policy: app.services.policy, logger });
  app.services.notifier.add(sink);
  return {
    async stop() {
      app.services.notifier.remove(sink);
    },
  };
}
