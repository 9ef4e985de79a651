// Idempotent channel posts: a key (job, hosting, period or hold, threshold) is stored before
// sending and marked sent after, so a restart neither duplicates nor loses a post. A key
// left "sending" by a crash, or "failed" because every channel refused it, is sent again on
// the next run (at least once, never silently lost).
import type { Notifier } from "../core/notifier.ts";
import type { Reply } from "../core/reply.ts";
import type { MessageRef } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import { jobState } from "./jobState.ts";

export interface PostEntry {
  status: "sending" | "sent" | "skipped" | "failed";
  at: number;
  refs: MessageRef[];
}

type Ledger = { posts: Record<string, PostEntry> };

const KEEP_MS = 40 * 86_400_000;

export class PostLedger {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  private get posts(): Record<string, PostEntry> {
    return jobState<Ledger>(this.store, "ledger", () => ({ posts: {} })).posts;
  }

  /** Whether the key was already posted (or deliberately skipped). */
  done(key: string): boolean {
    const status = this.posts[key]?.status;
    return status === "sent" || status === "skipped";
  }

  /** Posts once per key; returns the refs, or undefined when it was posted before or every channel failed. */
  async postOnce(key: string, reply: Reply, target: { hosting?: string }): Promise<MessageRef[] | undefined> {
    if (this.done(key)) return undefined;
    this.posts[key] = { status: "sending", at: this.now(), refs: [] };
    await this.store.save();
    const { refs, delivered } = await this.notifier.deliver(reply, target);
    this.posts[key] = { status: delivered ? "sent" : "failed", at: this.now(), refs };
    await this.store.save();
    return delivered ? refs : undefined;
  }

  /** Records that a key will never be posted (a warning overtaken by a closer one). */
  async skip(key: string): Promise<void> {
    if (this.done(key)) return;
    this.posts[key] = { status: "skipped", at: this.now(), refs: [] };
    await this.store.save();
  }

  /** Edits the messages posted under `key`, if any. */
  async edit(key: string, reply: Reply): Promise<boolean> {
    const entry = this.posts[key];
    if (!entry || entry.refs.length === 0) return false;
    await this.notifier.edit(entry.refs, reply);
    return true;
  }

  /** Forgets keys older than the longest period a job looks back on. */
  prune(): void {
    const oldest = this.now() - KEEP_MS;
    for (const [key, entry] of Object.entries(this.posts)) if (entry.at < oldest) delete this.posts[key];
  }
}
