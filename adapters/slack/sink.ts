// Channel posts in Slack: announcements, reports (with chart uploads), alerts and purge
// progress. Goes to MAILBRAKE_SLACK_CHANNEL, the policy's channels and the origin channel.
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { ChannelSink, PostTarget } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import { channelsFor } from "../../src/core/routing.ts";
import type { Policy } from "../../src/policy.ts";
import type { MessageRef } from "../../src/store/schema.ts";
import { renderReply } from "./render.ts";

export interface SinkOptions {
  /** MAILBRAKE_SLACK_CHANNEL. */
  channel?: string;
  policy: Policy;
  logger: Logger;
  /** Waits between rate-limited attempts (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /** How many times a 429 is waited out before the post is given up. */
  maxRateLimitRetries?: number;
  /** Longest single wait for a `Retry-After`. */
  maxWaitMs?: number;
}

/** Errors meaning "this channel cannot be used by the bot": an admin must act, retrying won't help. */
const UNUSABLE_CHANNEL = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SlackSink implements ChannelSink {
  readonly platform = "slack" as const;
  private readonly reported = new Set<string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: SinkOptions,
  ) {}

  /** The channels a post goes to (the one rule of core/routing.ts). DMs (D…) are not posted to. */
  channelsFor(target: PostTarget): string[] {
    const { policy, channel } = this.options;
    return channelsFor({ platform: "slack", teamChannel: channel, policy, postable: (c) => /^[CG]/.test(c) }, target);
  }

  /** Never throws: a failing channel or upload is logged, and the references already posted are kept. */
  async post(reply: Reply, target: PostTarget): Promise<MessageRef[]> {
    const message = renderReply(reply);
    const refs: MessageRef[] = [];
    for (const channel of this.channelsFor(target)) {
      let posted: webApi.ChatPostMessageResponse | undefined;
      try {
        posted = await this.call(channel, () => this.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }));
      } catch (error) {
        this.failed("post", channel, error);
        continue;
      }
      if (!posted?.ts) continue;
      const id = posted.channel ?? channel;
      refs.push({ platform: "slack", channel: id, id: posted.ts });
      for (const file of reply.attachments ?? []) {
        try {
          await this.call(channel, () =>
            this.client.files.uploadV2({ channel_id: id, file: file.data, filename: file.filename, title: file.filename }),
          );
        } catch (error) {
          this.failed("upload", channel, error);
        }
      }
    }
    return refs;
  }

  async edit(ref: MessageRef, reply: Reply): Promise<void> {
    await this.call(ref.channel, () => this.client.chat.update({ channel: ref.channel, ts: ref.id, ...renderReply(reply) }));
  }

  /** One Web API call with bounded 429 handling; an unusable channel is logged once, not thrown. */
  private async call<T>(channel: string, run: () => Promise<T>): Promise<T | undefined> {
    const { logger } = this.options;
    const retries = this.options.maxRateLimitRetries ?? 3;
    const sleep = this.options.sleep ?? sleepFor;
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const retryAfter = rateLimitedFor(error);
        if (retryAfter !== undefined && attempt < retries) {
          const waitMs = Math.min(retryAfter * 1000, this.options.maxWaitMs ?? 60_000);
          logger.warn({ channel, waitMs, attempt: attempt + 1 }, "slack rate limit: waiting before retrying");
          await sleep(waitMs);
          continue;
        }
        if (retryAfter !== undefined) {
          logger.error({ channel, attempts: attempt + 1 }, "slack rate limit: post given up");
          return undefined;
        }
        const code = platformErrorOf(error);
        if (code && UNUSABLE_CHANNEL.has(code)) {
          this.reportUnusable(channel, code);
          return undefined;
        }
        throw error;
      }
    }
  }

  private failed(action: "post" | "upload", channel: string, error: unknown): void {
    const e = error as { code?: string; data?: { error?: string } };
    const detail = { code: e?.code, slackError: e?.data?.error, message: error instanceof Error ? error.message : String(error) };
    this.options.logger.error({ channel, action, err: detail }, `slack channel ${action} failed`);
  }

  private reportUnusable(channel: string, code: string): void {
    const key = `${channel}:${code}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const hint = `invite the bot with "/invite @mailbrake" in ${channel}, or set MAILBRAKE_SLACK_CHANNEL / the policy's channels to a channel ID it is in`;
    this.options.logger.error({ channel, slackError: code, hint }, "slack channel cannot be posted to; posts there are skipped");
  }
}

function rateLimitedFor(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: number };
  return e?.code === "slack_webapi_rate_limited_error" ? (e.retryAfter ?? 1) : undefined;
}

function platformErrorOf(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
}
