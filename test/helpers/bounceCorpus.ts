// The team's labelled bounce corpus (../shared/corpora/bounces.jsonl beside the checkout),
// scored against the classifier: the corpus test's floors and `npm run bench` read it alike.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { diagnose } from "../../src/jobs/reasons/diagnose.ts";
import type { MailClass, Reason } from "../../src/jobs/reasons/reasons.ts";
import type { TextKind } from "../../src/jobs/reasons/statusCode.ts";

export interface CorpusRow {
  message: string;
  reason: Reason;
  class: MailClass | null;
  lang: string;
}

export const CORPUS_PATH = fileURLToPath(
  new URL("../../../shared/corpora/bounces.jsonl", import.meta.url),
);

export function loadCorpus(): CorpusRow[] {
  if (!existsSync(CORPUS_PATH)) {
    throw new Error(
      `the bounce corpus is not at ${CORPUS_PATH}: check out the team's shared folder beside the repository`,
    );
  }
  return readFileSync(CORPUS_PATH, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusRow);
}

export interface Tally {
  rows: number;
  rightReason: number;
  withClass: number;
  rightClass: number;
  /** Left `other` though the corpus names a cause. */
  otherWrongly: number;
}

export interface Score {
  all: Tally;
  byKind: Record<TextKind, Tally>;
  byReason: Map<Reason, Tally & { predicted: number }>;
}

const tally = (): Tally => ({
  rows: 0,
  rightReason: 0,
  withClass: 0,
  rightClass: 0,
  otherWrongly: 0,
});

export function scoreCorpus(rows: readonly CorpusRow[]): Score {
  const all = tally();
  const byKind: Record<TextKind, Tally> = {
    enhanced: tally(),
    basicStart: tally(),
    basicPrefixed: tally(),
    textOnly: tally(),
  };
  const byReason = new Map<Reason, Tally & { predicted: number }>();
  const reasonTally = (reason: Reason) => {
    const known = byReason.get(reason);
    if (known) return known;
    const fresh = { ...tally(), predicted: 0 };
    byReason.set(reason, fresh);
    return fresh;
  };
  for (const row of rows) {
    const d = diagnose(row.message);
    reasonTally(d.reason).predicted += 1;
    for (const t of [all, byKind[d.kind], reasonTally(row.reason)]) {
      t.rows += 1;
      if (d.reason === row.reason) t.rightReason += 1;
      if (d.reason === "other" && row.reason !== "other") t.otherWrongly += 1;
      if (row.class !== null) {
        t.withClass += 1;
        if (d.class === row.class) t.rightClass += 1;
      }
    }
  }
  return { all, byKind, byReason };
}
