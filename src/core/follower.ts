// Keeps the channel message of a purge (or unblock) up to date until the state settles,
// re-reading the state with backoff. Follows are stored, so a restart picks them up again.
import { mutationTitle } from "./cards/mutationTitle.ts";
import { isSending } from "../hosting/port.ts";
import { type Follow, followKey } from "../store/schema.ts";
import { channelVoice } from "./announce.ts";
import { reconcile } from "./reconcile.ts";
import type { Card, Reply } from "./reply.ts";
import { cardText } from "./cards/cardText.ts";
import type { Services } from "./services.ts";

const FIRST_DELAY_MS = 3_000;
const MAX_DELAY_MS = 30_000;

export class Follower {
  private timer: NodeJS.Timeout | undefined;
  private delay = FIRST_DELAY_MS;
  private lastText = new Map<string, string>();
  private running = false;
  /** Follows seen at the last look (the store is the truth: other processes add some too). */
  private count = 0;

  constructor(private readonly services: Services) {}

  /** Follows in progress, as of the last look. */
  get active(): number {
    return this.count;
  }

  async begin(follow: Follow): Promise<void> {
    await this.services.store.follows.add(follow);
    this.count += 1;
    this.delay = FIRST_DELAY_MS;
    if (this.running) this.schedule();
  }

  /** Looks again soon (after a command that may have moved time or state). */
  nudge(): void {
    this.delay = FIRST_DELAY_MS;
    if (this.running) this.schedule();
  }

  /** Starts polling (also resumes follows left by a previous run). */
  start(): void {
    this.running = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), FIRST_DELAY_MS);
    this.timer.unref();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** While running it keeps looking (slowly when idle): a one-shot command may start a follow. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.count === 0 ? MAX_DELAY_MS : this.delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let changed = false;
    try {
      changed = (await reconcile(this.services)) > 0;
      changed = (await this.checkOnce()) || changed;
    } catch (error) {
      this.services.logger.warn({ err: error }, "cannot read the follows");
    }
    this.delay = changed ? FIRST_DELAY_MS : Math.min(MAX_DELAY_MS, Math.round(this.delay * 1.5));
    this.schedule();
  }

  /** Reads each followed hosting once; returns true if any follow finished. */
  async checkOnce(): Promise<boolean> {
    const { store, provider, logger } = this.services;
    let finished = false;
    const follows = await store.follows.all();
    this.count = follows.length;
    for (const follow of follows) {
      const key = followKey(follow);
      try {
        const mail = await provider.getMail(follow.hosting);
        const settled =
          follow.mutation === "purge" ? mail.state !== "purging" : mail.state !== follow.fromState;
        await this.show(key, follow, settled ? mail.state : undefined);
        if (settled && (await store.follows.remove(key))) {
          this.lastText.delete(key);
          this.count -= 1;
          finished = true;
          await store.audit.append({
            at: this.services.clock.now(),
            event: "completed",
            platform: follow.by.platform,
            actorId: follow.by.id,
            actorName: follow.by.name,
            channel: "",
            command: follow.mutation,
            hosting: follow.hosting,
            outcome: `state ${mail.state}`,
          });
        }
      } catch (error) {
        logger.warn({ err: error, hosting: follow.hosting }, "cannot read state while following");
      }
    }
    return finished;
  }

  private async show(key: string, follow: Follow, settledState: string | undefined): Promise<void> {
    const reply = this.reply(follow, settledState);
    if (this.lastText.get(key) === reply.text) return;
    this.lastText.set(key, reply.text);
    await this.services.notifier.edit(follow.refs, reply);
  }

  private reply(follow: Follow, settledState: string | undefined): Reply {
    const { t, duration } = channelVoice(this.services, follow.hosting);
    const elapsed = duration(this.services.clock.now() - follow.startedAt);
    const text =
      settledState === undefined
        ? t(`follow.progress.${follow.mutation}`, { elapsed })
        : isSending(settledState)
          ? t(`follow.done.${follow.mutation}`, { elapsed })
          : t("follow.ended", { state: t(`state.${settledState}`), elapsed });
    const card: Card = {
      title: mutationTitle({ t }, follow),
      tone: settledState === undefined ? "warning" : "success",
      blocks: [
        { type: "text", text },
        { type: "context", text: t("follow.startedBy", { name: follow.by.name }) },
      ],
    };
    return { text: cardText(card), card, visibility: "channel" };
  }
}
