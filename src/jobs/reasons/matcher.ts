// Runs a table of pattern groups fast: one scan of the lower-cased text for every row's
// needles (see needles.ts) marks the rows that can match; only those run, group by group,
// top to bottom. Rows without needles always run.
import { needlesOf } from "./needles.ts";
import type { PatternGroup } from "./patterns.ts";

export class GroupMatcher {
  private readonly rows: { group: number; pattern: RegExp }[] = [];
  private readonly always: number[] = [];
  /** Needle → the rows it (or a needle it starts with) stands for. */
  private readonly byNeedle = new Map<string, number[]>();
  private readonly scan: RegExp;
  /** Row → the pass that marked it a candidate (saves clearing a buffer every time). */
  private readonly marked: Uint32Array;
  private pass = 0;

  constructor(readonly groups: readonly PatternGroup[]) {
    const needles = new Map<string, number[]>();
    groups.forEach((group, g) => {
      for (const row of group.rows) {
        const index = this.rows.push({ group: g, pattern: row.pattern }) - 1;
        const found = needlesOf(row.pattern);
        if (!found) this.always.push(index);
        for (const needle of found ?? [])
          needles.set(needle, [...(needles.get(needle) ?? []), index]);
      }
    });
    // Longest first, so that at one position the longest needle is the one reported; the
    // shorter needles it starts with are credited with it.
    const sorted = [...needles.keys()].sort((a, b) => b.length - a.length);
    for (const needle of sorted) {
      const rows = sorted
        .filter((other) => needle.startsWith(other))
        .flatMap((other) => needles.get(other) ?? []);
      this.byNeedle.set(needle, [...new Set(rows)]);
    }
    this.scan = new RegExp(sorted.length > 0 ? trie(sorted) : "(?!)", "g");
    this.marked = new Uint32Array(this.rows.length);
  }

  /** Marks the rows that may match `text`; call before `first` with the same text. */
  read(text: string): void {
    this.pass = (this.pass + 1) >>> 0 || 1;
    for (const index of this.always) this.marked[index] = this.pass;
    const lower = text.toLowerCase();
    this.scan.lastIndex = 0;
    for (let match = this.scan.exec(lower); match; match = this.scan.exec(lower)) {
      for (const index of this.byNeedle.get(match[0]) ?? []) this.marked[index] = this.pass;
      this.scan.lastIndex = match.index + 1;
    }
  }

  /** The index of the first group in [from, to) with a row matching `text`, or -1. */
  first(text: string, from = 0, to = this.groups.length): number {
    let best = to;
    for (let index = 0; index < this.rows.length; index++) {
      const row = this.rows[index];
      if (this.marked[index] !== this.pass || !row || row.group < from || row.group >= best)
        continue;
      if (row.pattern.test(text)) best = row.group;
    }
    return best < to ? best : -1;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The needles as one pattern shaped like a tree (`spam(?:haus|cop|)`): the regular
 * expression engine then tries one letter at a time instead of every needle in turn, and
 * reports the longest needle at each position. */
function trie(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  let ends = false;
  for (const word of words) {
    if (word === "") {
      ends = true;
      continue;
    }
    const first = word[0] ?? "";
    byFirst.set(first, [...(byFirst.get(first) ?? []), word.slice(1)]);
  }
  const branches = [...byFirst.entries()].map(([first, rests]) => {
    if (rests.length === 1) return escapeRegExp(first + (rests[0] ?? ""));
    return escapeRegExp(first) + trie(rests);
  });
  if (ends) branches.push("");
  return branches.length === 1 && !ends ? (branches[0] ?? "") : `(?:${branches.join("|")})`;
}
