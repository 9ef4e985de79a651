// Channel posts (announcements, reports, alerts) fan out to every running adapter.
import type { Logger } from "pino";
import type { MessageRef } from "../store/schema.ts";
import type { Platform } from "./actor.ts";
import type { Reply } from "./reply.ts";

export interface PostTarget {
  /** Routes to a per-hosting channel where the policy names one. */
  hosting?: string;
  /** Where the command was typed: the adapter of that platform posts there too. */
  origin?: { platform: Platform; channel: string };
}

export interface ChannelSink {
  readonly platform: Platform;
  /** Posts to the team channel(s); returns a reference per message posted. */
  post(reply: Reply, target: PostTarget): Promise<MessageRef[]>;
  /** Replaces a message posted earlier (progress, alert updated in place). */
  edit(ref: MessageRef, reply: Reply): Promise<void>;
}

export class Notifier {
  private readonly sinks: ChannelSink[] = [];

  constructor(private readonly logger: Logger) {}

  add(sink: ChannelSink): void {
    this.sinks.push(sink);
  }

  get platforms(): Platform[] {
    return this.sinks.map((s) => s.platform);
  }

  /** Posts everywhere; a failing sink is logged and skipped, never fatal. */
  async post(reply: Reply, target: PostTarget = {}): Promise<MessageRef[]> {
    const results = await Promise.all(
      this.sinks.map((sink) =>
        sink.post(reply, target).catch((error: unknown) => {
          this.logger.warn({ platform: sink.platform, err: error }, "channel post failed");
          return [] as MessageRef[];
        }),
      ),
    );
    return results.flat();
  }

  async edit(refs: MessageRef[], reply: Reply): Promise<void> {
    await Promise.all(
      refs.map(async (ref) => {
        const sink = this.sinks.find((s) => s.platform === ref.platform);
        if (!sink) return;
        await sink.edit(ref, reply).catch((error: unknown) => {
          this.logger.warn({ platform: sink.platform, err: error }, "channel edit failed");
        });
      }),
    );
  }
}
