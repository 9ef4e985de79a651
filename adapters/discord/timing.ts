// How long the adapter lets work run before deferring: Discord allows 3 s for the first answer.
export interface Timing {
  /** Defer the answer when the work takes longer than this. */
  deferAfterMs: number;
  /** Autocomplete cannot be deferred: answer with nothing rather than too late. */
  autocompleteBudgetMs: number;
}

export const DEFAULT_TIMING: Timing = { deferAfterMs: 1_000, autocompleteBudgetMs: 2_000 };
