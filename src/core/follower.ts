// Keeps the channel message of a purge (or unblock) up to date until the state settles,
// re-reading the state with backoff. Follows are stored, so a restart picks them up again.
import { translator } from "../i18n/index.ts";
import { formatDuration } from "../i18n/format.ts";
import type { Follow } from "../store/schema.ts";
import { channelLanguage } from "./announce.ts";
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

  constructor(private readonly services: Services) {}

  get active(): number {
    return Object.keys(this.services.store.data.follows).length;
  }

  async begin(follow: Follow): Promise<void> {
    this.services.store.data.follows[`${follow.hosting}:${follow.startedAt}`] = follow;
    await this.services.store.save();
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
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.running || this.active === 0) return;
    this.timer = setTimeout(() => void this.tick(), this.delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const changed = await this.checkOnce();
    this.delay = changed ? FIRST_DELAY_MS : Math.min(MAX_DELAY_MS, Math.round(this.delay * 1.5));
    this.schedule();
  }

  /** Reads each followed hosting once; returns true if any follow finished. */
  async checkOnce(): Promise<boolean> {
    const { store, provider, logger } = this.services;
    let finished = false;
    for (const [key, follow] of Object.entries(store.data.follows)) {
      try {
        const mail = await provider.getMail(follow.hosting);
        const settled =
          follow.mutation === "purge" ? mail.state !== "purging" : mail.state !== follow.fromState;
        await this.show(key, follow, settled ? mail.state : undefined);
        if (settled) {
          delete store.data.follows[key];
          this.lastText.delete(key);
          finished = true;
          await store.save();
          await this.services.audit.record({
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
    const language = channelLanguage(this.services, follow.hosting);
    const t = translator(language);
    const elapsed = formatDuration(language, this.services.clock.now() - follow.startedAt);
    const action = t(`mutation.${follow.mutation}.name`);
    const text =
      settledState === undefined
        ? t(`follow.progress.${follow.mutation}`, { elapsed })
        : settledState === "ok" || settledState === "force"
          ? t(`follow.done.${follow.mutation}`, { elapsed })
          : t("follow.ended", { state: t(`state.${settledState}`), elapsed });
    const card: Card = {
      title: t("mutation.title", { action, hosting: follow.hosting }),
      tone: settledState === undefined ? "warning" : "success",
      blocks: [
        { type: "text", text },
        { type: "context", text: t("follow.startedBy", { name: follow.by.name }) },
      ],
    };
    return { text: cardText(card), card, visibility: "channel" };
  }
}
