// The words a pattern cannot match without, read from its source.
import { describe, expect, it } from "vitest";
import { needlesOf } from "../../../src/jobs/reasons/needles.ts";

describe("needles of a pattern", () => {
  it.each([
    [/mailbox full/i, ["mailbox full"]],
    [/mailbox (is )?full|over quota/i, ["mailbox ", "over quota"]],
    [/bo[îi]te (aux lettres )?(est )?pleine/i, ["pleine"]],
    [/\bdkim\b.{0,40}fail/i, ["dkim"]],
    [/Postfach (ist )?voll/i, ["postfach "]],
    [/(user|recipient) unknown/i, [" unknown"]],
    [/(?<!set up )\bspf\b/i, ["spf"]],
  ])("%s → %j", (pattern, needles) => {
    expect(needlesOf(pattern)?.sort()).toEqual([...needles].sort());
  });

  it("gives none when a match needs no word", () => {
    expect(needlesOf(/\d+/)).toBeUndefined();
    expect(needlesOf(/a|bcd/)).toBeUndefined();
    expect(needlesOf(/(foo)?bar?/)).toBeUndefined();
  });
});
