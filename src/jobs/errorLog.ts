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
}

export class MemoryErrorLog implements ErrorSource {
  private readonly kept: CollectedError[] = [];
  async appendAll(errors: readonly CollectedError[]): Promise<void> {
    this.kept.push(...errors);
  }
  async between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]> {
    return this.kept.filter((e) => e.at >= from && e.at < to && (!hostings || hostings.has(e.hosting)));
  }
}

/** The store's collected errors as an error source. */
export function storeErrors(store: StorePort): ErrorSource {
  return {
    appendAll: (errors) => store.errors.appendMany(errors),
    between: (from, to, hostings) => store.errors.between(from, to, hostings),
  };
}
