// Keeps every error the provider reports, although one call returns at most the newest 100:
// each hosting is polled often enough (faster while errors pour in), answers are
// de-duplicated against a per-hosting cursor, and a possible gap is recorded, never hidden.
import type { Logger } from "pino";
import { type Bounce, type HostingProvider, MAX_BOUNCES_PER_CALL } from "../hosting/port.ts";
import * as z from "../zod.ts";
import type { StorePort } from "../store/port.ts";
import type { CollectedError, ErrorSource } from "./errorLog.ts";
import { JobState } from "./jobState.ts";
import { mapLimit } from "../core/mapLimit.ts";
import { ProviderPass, type Sleep } from "./retry.ts";
import type { JobSettings } from "./settings.ts";

const cursorSchema = z.object({
  /** Date of the newest error seen, ms. */
  newestAt: z.number(),
  /** Keys of the errors seen at exactly `newestAt` (with repeats). */
  keysAtNewest: z.array(z.string()),
  lastPollAt: z.number(),
  fast: z.boolean(),
});

/** Errors in (from, to) may be missing for this hosting. */
const gapSchema = z.object({ hosting: z.string(), from: z.number(), to: z.number() });
export type Gap = z.infer<typeof gapSchema>;

const collectorStateSchema = z.object({ cursors: z.record(z.string(), cursorSchema), gaps: z.array(gapSchema) });
type CollectorState = z.infer<typeof collectorStateSchema>;

export interface PollResult {
  hosting: string;
  added: number;
  /** Set when the provider could not be read (after retries). */
  error?: unknown;
}

const POLL_CONCURRENCY = 4;

const keyOf = (b: Bounce) => `${b.date}|${b.to ?? ""}|${b.message ?? ""}`;

export class Collector {
  private readonly failures = new Map<string, unknown>();

  constructor(
    private readonly deps: {
      provider: HostingProvider;
      store: StorePort;
      errors: ErrorSource;
      settings: JobSettings;
      now: () => number;
      sleep: Sleep;
      logger: Logger;
      /** A one-off report without the running jobs: starts from the cursors and gaps the jobs
       * kept (so what they collected counts), and keeps its own changes in memory only. */
      ephemeral?: boolean;
      /** Hostings read at once (the provider's own limiter bounds the account's calls). */
      concurrency?: number;
    },
  ) {
    this.kept = new JobState(deps.store, "collector", collectorStateSchema, () => ({ cursors: {}, gaps: [] }), deps.ephemeral);
  }

  private readonly kept: JobState<typeof collectorStateSchema>;

  /** Reads the kept cursors (before the first `due` or `lastPoll`). */
  async load(): Promise<void> {
    await this.kept.load();
  }

  private get state(): CollectorState {
    return this.kept.current;
  }

  /** Gaps touching [from, to) for these hostings. */
  gaps(from: number, to: number, hostings: ReadonlySet<string>): Gap[] {
    return this.state.gaps.filter((g) => hostings.has(g.hosting) && g.to > from && g.from < to);
  }

  /** When the hosting's errors were last read successfully (undefined: never). */
  /** Why the newest read of a hosting's errors failed (undefined once one succeeds). */
  lastFailure(hosting: string): unknown {
    return this.failures.get(hosting);
  }

  lastPoll(hosting: string): number | undefined {
    return this.state.cursors[hosting]?.lastPollAt;
  }

  /** Hostings whose next poll is due now. */
  due(hostings: readonly string[]): string[] {
    const now = this.deps.now();
    const { collectEveryMs, collectFastEveryMs } = this.deps.settings;
    return hostings.filter((h) => {
      const cursor = this.state.cursors[h];
      return !cursor || cursor.lastPollAt + (cursor.fast ? collectFastEveryMs : collectEveryMs) <= now;
    });
  }

  /** Polls each hosting once, a few at a time; stops calling once the provider looks down. */
  async poll(hostings: readonly string[]): Promise<PollResult[]> {
    const { settings, sleep } = this.deps;
    await this.kept.load();
    const pass = new ProviderPass({ retries: settings.retries, baseMs: settings.retryBaseMs, sleep });
    const results = await mapLimit(hostings, this.deps.concurrency ?? POLL_CONCURRENCY, (h) => this.pollOne(h, pass));
    this.pruneGaps();
    await this.kept.save();
    return results;
  }

  private async pollOne(hosting: string, pass: ProviderPass): Promise<PollResult> {
    const answer = await pass.call(() => this.deps.provider.bounces(hosting, MAX_BOUNCES_PER_CALL));
    if (!answer.ok) {
      this.deps.logger.warn({ err: answer.error, hosting }, "cannot read errors");
      this.failures.set(hosting, answer.error);
      return { hosting, added: 0, error: answer.error };
    }
    this.failures.delete(hosting);
    const fresh = this.absorb(hosting, answer.value);
    await this.deps.errors.appendMany(fresh);
    // The cursor is saved right after its errors are in the log: a crash re-appends at most
    // one hosting's answer, which the log reader de-duplicates.
    await this.kept.save();
    return { hosting, added: fresh.length };
  }

  /** Updates the cursor with one answer (newest first); returns the errors not seen before. */
  private absorb(hosting: string, answer: Bounce[]): CollectedError[] {
    const now = this.deps.now();
    const cursor = this.state.cursors[hosting];
    const known = new Map<string, number>();
    for (const key of cursor?.keysAtNewest ?? []) known.set(key, (known.get(key) ?? 0) + 1);
    const fresh: CollectedError[] = [];
    for (const bounce of answer) {
      const at = Date.parse(bounce.date);
      if (!Number.isFinite(at)) continue;
      if (cursor && at < cursor.newestAt) continue;
      if (cursor && at === cursor.newestAt) {
        const left = known.get(keyOf(bounce)) ?? 0;
        if (left > 0) {
          known.set(keyOf(bounce), left - 1);
          continue;
        }
      }
      // The model allows a null recipient or message: kept as "" (unknown).
      fresh.push({ at, hosting, to: bounce.to ?? "", message: bounce.message ?? "" });
    }
    fresh.reverse(); // oldest first, as the log is kept
    const oldest = answer[answer.length - 1];
    const oldestAt = oldest ? Date.parse(oldest.date) : Number.NaN;
    const full = answer.length >= MAX_BOUNCES_PER_CALL;
    if (full && (!cursor || oldestAt > cursor.newestAt)) {
      // Everything dated before the previous read was seen then; what came after it, older
      // than the oldest error just returned, may be missing.
      const from = cursor ? Math.max(cursor.newestAt, cursor.lastPollAt) : 0;
      this.state.gaps.push({ hosting, from: Math.min(from, oldestAt), to: oldestAt });
    }
    const newestAt = Math.max(cursor?.newestAt ?? 0, ...fresh.map((e) => e.at));
    const keysAtNewest = answer.filter((b) => Date.parse(b.date) === newestAt).map(keyOf);
    this.state.cursors[hosting] = {
      newestAt,
      keysAtNewest,
      lastPollAt: now,
      fast: fresh.length >= MAX_BOUNCES_PER_CALL / 2,
    };
    return fresh;
  }

  private pruneGaps(): void {
    const oldest = this.deps.now() - this.deps.settings.retentionMs;
    this.state.gaps = this.state.gaps.filter((g) => g.to >= oldest);
  }
}
