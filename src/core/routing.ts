// Where a channel post goes on one chat platform: one rule for Slack and Discord alike.
// Every channel configured for the platform gets one copy: the environment's team channel
// (MAILBRAKE_SLACK_CHANNEL, MAILBRAKE_DISCORD_CHANNEL), the policy file's team channel, the
// hosting's own channel (`channels.hostings.<name>`), and the channel where the command was
// typed (never a direct message). Nothing configured is silently ignored.
import type { Policy } from "../policy.ts";
import type { PostTarget } from "./notifier.ts";

export type ChatPlatform = "slack" | "discord";

export interface Routing {
  platform: ChatPlatform;
  /** The environment's team channel for this platform. */
  teamChannel: string | undefined;
  policy: Policy;
  /** A channel the command was typed in may be posted to (false for a direct message). */
  postable(origin: string): boolean;
}

export function channelsFor(routing: Routing, target: PostTarget): string[] {
  const { platform, policy } = routing;
  const hosting = target.hosting ? policy.channels.hostings[target.hosting]?.[platform] : undefined;
  const origin =
    target.origin?.platform === platform && routing.postable(target.origin.channel) ? target.origin.channel : undefined;
  const all = [routing.teamChannel, policy.channels[platform], hosting, origin];
  return [...new Set(all.filter((c): c is string => Boolean(c)))];
}
