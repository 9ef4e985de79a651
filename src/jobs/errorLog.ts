// Where collected errors are kept: the store (its `errors` operations), or memory for a
// one-off report. Both are read through the same operations.
import type { CollectedErrorOps } from "../store/port.ts";
import { type CollectedError, collectedErrorKey } from "../store/schema.ts";

export type { CollectedError } from "../store/schema.ts";

/** The collected errors a job reads and appends (the store's operations, without pruning). */
export type ErrorSource = Omit<CollectedErrorOps, "prune">;

/** A one-off report's errors, kept in memory for the time of one report. */
export class MemoryErrorLog implements ErrorSource {
  private readonly kept: CollectedError[] = [];

  async appendMany(errors: readonly CollectedError[]): Promise<void> {
    this.kept.push(...errors);
  }

  async between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]> {
    return this.kept.filter((e) => e.at >= from && e.at < to && (!hostings || hostings.has(e.hosting)));
  }

  async scan(
    from: number,
    to: number,
    hostings: ReadonlySet<string> | undefined,
    visit: (error: CollectedError) => void,
  ): Promise<void> {
    for (const error of await this.between(from, to, hostings)) visit(error);
  }
}

/**
 * What the running jobs kept, with what a one-off report has just read on top: new errors go
 * to `fresh` (memory) only; one kept already (same hosting, date, address, message) counts
 * once, as the store itself keeps it once.
 */
export function keptAndFresh(kept: ErrorSource, fresh: MemoryErrorLog): ErrorSource {
  return {
    appendMany: (errors) => fresh.appendMany(errors),
    async between(from, to, hostings) {
      const out: CollectedError[] = [];
      await this.scan(from, to, hostings, (e) => out.push(e));
      return out;
    },
    async scan(from, to, hostings, visit) {
      // Only the fresh errors' keys are held (at most one answer a hosting), not the kept ones.
      const unseen = new Map((await fresh.between(from, to, hostings)).map((e) => [collectedErrorKey(e), e]));
      await kept.scan(from, to, hostings, (e) => {
        unseen.delete(collectedErrorKey(e));
        visit(e);
      });
      for (const e of unseen.values()) visit(e);
    },
  };
}
