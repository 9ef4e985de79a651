// Channel posts (announcements, reports, alerts, progress) through the REST API: to the team
// channel, to the hosting's own channel if the policy names one, and to the channel the command
// came from; each channel once. A missing channel or permission is logged once, not retried.
import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from "discord.js";
import type { Logger } from "pino";
import type { ChannelSink, PostTarget } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import { channelsFor } from "../../src/core/routing.ts";
import type { Policy } from "../../src/policy.ts";
import type { MessageRef } from "../../src/store/schema.ts";
import { restMessage } from "./payload.ts";
import { renderMessage } from "./render.ts";
import { safeError } from "./safeError.ts";

/** Log hints (English, for operators) for the failures a configuration change fixes. */
const HINTS: { code: number; hint: string }[] = [
  {
    code: RESTJSONErrorCodes.UnknownChannel,
    hint: "channel not found: check MAILBRAKE_DISCORD_CHANNEL and the policy's channels",
  },
  {
    code: RESTJSONErrorCodes.MissingAccess,
    hint: "the bot cannot see this channel: add it there or grant View Channel",
  },
  {
    code: RESTJSONErrorCodes.MissingPermissions,
    hint: "the bot lacks Send Messages, Embed Links or Attach Files in this channel",
  },
];

export class DiscordSink implements ChannelSink {
  readonly platform = "discord" as const;
  private readonly warned = new Set<string>();
  private stopped = false;

  constructor(
    private readonly rest: REST,
    private readonly teamChannel: string | undefined,
    private readonly policy: Policy,
    private readonly logger: Logger,
  ) {}

  /** The channels a post goes to, each once (the one rule of core/routing.ts). */
  channelsFor(target: PostTarget): string[] {
    const routing = { platform: "discord" as const, teamChannel: this.teamChannel, policy: this.policy };
    return channelsFor({ ...routing, postable: (channel) => channel !== "dm" }, target);
  }

  async post(reply: Reply, target: PostTarget): Promise<MessageRef[]> {
    if (this.stopped) return [];
    const message = restMessage(renderMessage(reply));
    const refs: MessageRef[] = [];
    for (const channel of this.channelsFor(target)) {
      try {
        const posted = (await this.rest.post(Routes.channelMessages(channel), message)) as {
          id: string;
        };
        refs.push({ platform: "discord", channel, id: posted.id });
      } catch (error) {
        this.failed("post", channel, error);
      }
    }
    return refs;
  }

  async edit(ref: MessageRef, reply: Reply): Promise<void> {
    if (this.stopped) return;
    // Files were sent with the post; an edit keeps them (no `attachments` in the body).
    const { body } = restMessage({ ...renderMessage(reply), files: [] });
    try {
      await this.rest.patch(Routes.channelMessage(ref.channel, ref.id), { body });
    } catch (error) {
      this.failed("edit", ref.channel, error);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private failed(action: "post" | "edit", channel: string, error: unknown): void {
    const code = error instanceof DiscordAPIError ? error.code : undefined;
    const key = `${channel}:${code ?? safeError(error).name}`;
    const hint = HINTS.find((h) => h.code === code)?.hint;
    if (this.warned.has(key)) {
      this.logger.debug({ channel, action, err: safeError(error) }, "channel message failed again");
      return;
    }
    this.warned.add(key);
    this.logger.warn({ channel, action, err: safeError(error) }, hint ?? "channel message failed");
  }
}
