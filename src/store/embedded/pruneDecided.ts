// Forgets confirmations decided before `before` (kept till then so late clicks learn who
// decided) and pending ones expired by then; one being executed is never forgotten.
import type { StoreDocument } from "../schema.ts";

export function pruneDecided(doc: StoreDocument, before: number): number {
  let count = 0;
  for (const [token, c] of Object.entries(doc.confirmations)) {
    if (c.status === "executing" || c.status === "pending") {
      if (c.status === "pending" && c.expiresAt < before) {
        delete doc.confirmations[token];
        count += 1;
      }
      continue;
    }
    if ((c.decidedAt ?? c.expiresAt) < before) {
      delete doc.confirmations[token];
      count += 1;
    }
  }
  return count;
}
