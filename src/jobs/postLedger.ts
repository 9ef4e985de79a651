// Idempotent channel posts: a key (job, hosting, period or hold, threshold) is claimed in the
// store before sending and marked sent after, so a restart neither duplicates nor loses a post.
// A key left "sending" by a crash, or "failed" because every channel refused it, is sent again
// on the next run (at least once, never silently lost).
import type { Notifier } from "../core/notifier.ts";
import type { Reply } from "../core/reply.ts";
import type { StorePort } from "../store/port.ts";
import type { MessageRef } from "../store/schema.ts";

export type { PostEntry } from "../store/schema.ts";

const KEEP_MS = 40 * 86_400_000;

export class PostLedger {
  constructor(
    private readonly store: StorePort,
    private readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  /** Whether the key was already posted (or deliberately skipped). */
  async done(key: string): Promise<boolean> {
    const status = (await this.store.posts.get(key))?.status;
    return status === "sent" || status === "skipped";
  }

  /** Posts once per key; returns the refs, or undefined when it was posted before or every channel failed. */
  async postOnce(key: string, reply: Reply, target: { hosting?: string }): Promise<MessageRef[] | undefined> {
    const claim = await this.store.posts.claim(key, this.now());
    if (claim.kind === "done") return undefined;
    const { refs, delivered } = await this.notifier.deliver(reply, target);
    if (delivered) await this.store.posts.markSent(key, refs, this.now());
    else await this.store.posts.markFailed(key, this.now());
    return delivered ? refs : undefined;
  }

  /** Records that a key will never be posted (a warning overtaken by a closer one). */
  async skip(key: string): Promise<void> {
    await this.store.posts.skip(key, this.now());
  }

  /** Edits the messages posted under `key`, if any. */
  async edit(key: string, reply: Reply): Promise<boolean> {
    const entry = await this.store.posts.get(key);
    if (!entry || entry.refs.length === 0) return false;
    await this.notifier.edit(entry.refs, reply);
    return true;
  }

  /** Forgets keys older than the longest period a job looks back on. */
  async prune(): Promise<void> {
    await this.store.posts.prune(this.now() - KEEP_MS);
  }
}
