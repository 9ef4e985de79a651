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

export interface Delivery {
  refs: MessageRef[];
  failedPlatforms: Platform[];
  /** At least one sink posted, or there is no sink at all. */
  delivered: boolean;
}

export class Notifier {
  private readonly sinks: ChannelSink[] = [];

  constructor(private readonly logger: Logger) {}

  add(sink: ChannelSink): void {
    this.sinks.push(sink);
  }

  /** A stopped adapter's sink (the Discord gateway moves with the leader between replicas). */
  remove(sink: ChannelSink): void {
    const index = this.sinks.indexOf(sink);
    if (index >= 0) this.sinks.splice(index, 1);
  }

  get platforms(): Platform[] {
    return this.sinks.map((s) => s.platform);
  }

  /** Posts everywhere; a failing sink is logged and skipped, never fatal. */
  async post(reply: Reply, target: PostTarget = {}): Promise<MessageRef[]> {
    return (await this.deliver(reply, target)).refs;
  }

  /**
   * Posts everywhere and says which sinks failed: `delivered` is false only when there were
   * sinks and every one of them failed (a job then keeps the post to retry it later).
   */
  async deliver(reply: Reply, target: PostTarget = {}): Promise<Delivery> {
    const failedPlatforms: Platform[] = [];
    const results = await Promise.all(
      this.sinks.map((sink) =>
        sink.post(reply, target).catch((error: unknown) => {
          this.logger.warn({ platform: sink.platform, err: error }, "channel post failed");
          failedPlatforms.push(sink.platform);
          return [] as MessageRef[];
        }),
      ),
    );
    const delivered = this.sinks.length === 0 || failedPlatforms.length < this.sinks.length;
    return { refs: results.flat(), failedPlatforms, delivered };
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
