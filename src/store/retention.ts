/** How much of an append-only history is kept: by count and by age. */
export interface Retention {
  maxRecords: number;
  maxAgeMs: number;
}
