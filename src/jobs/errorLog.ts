// Where collected errors are kept: the store (append-only JSONL beside the data file in the
// embedded store), or memory for a one-off report.
import type { StorePort } from "../store/port.ts";
import type { CollectedError } from "../store/schema.ts";

export type { CollectedError } from "../store/schema.ts";

export interface ErrorSource {
  appendAll(errors: readonly CollectedError[]): Promise<void>;
  /**
   * Errors with `from <= at < to`, for the given hostings (all when omitted). An error appended
   * twice (a crash between the append and the cursor's save) counts once.
   */
  between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]>;
  /** The same errors handed to `visit` one at a time as they are read (the report aggregates
   * them as they come, so its memory does not grow with the errors kept). */
  scan(
    from: number,
    to: number,
    hostings: ReadonlySet<string> | undefined,
    visit: (error: CollectedError) => void,
  ): Promise<void>;
}

export class MemoryErrorLog implements ErrorSource {
  private readonly kept: CollectedError[] = [];
  async appendAll(errors: readonly CollectedError[]): Promise<void> {
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

/** The store's collected errors as an error source. */
export function storeErrors(store: StorePort): ErrorSource {
  return {
    appendAll: (errors) => store.errors.appendMany(errors),
    between: (from, to, hostings) => store.errors.between(from, to, hostings),
    scan: (from, to, hostings, visit) => store.errors.scan(from, to, hostings, visit),
  };
}

/**
 * What the running jobs kept, with what a one-off report has just read on top: new errors go
 * to `fresh` (memory) only; one kept already (same hosting, date, address, message) counts
 * once, as the store itself keeps it once.
 */
export function keptAndFresh(kept: ErrorSource, fresh: MemoryErrorLog): ErrorSource {
  const key = (e: CollectedError) => `${e.hosting}|${e.at}|${e.to}|${e.message}`;
  return {
    appendAll: (errors) => fresh.appendAll(errors),
    async between(from, to, hostings) {
      const out: CollectedError[] = [];
      await this.scan(from, to, hostings, (e) => out.push(e));
      return out;
    },
    async scan(from, to, hostings, visit) {
      // Only the fresh errors' keys are held (at most one answer a hosting), not the kept ones.
      const unseen = new Map((await fresh.between(from, to, hostings)).map((e) => [key(e), e]));
      await kept.scan(from, to, hostings, (e) => {
        unseen.delete(key(e));
        visit(e);
      });
      for (const e of unseen.values()) visit(e);
    },
  };
}
