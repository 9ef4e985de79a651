// parseDuration: the `advance` command's argument.
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/core/args/duration.ts";
import { DAY, HOUR, MINUTE, SECOND } from "../hosting/sandbox-fixtures.ts";

describe("parseDuration", () => {
  it.each([
    ["90m", 90 * MINUTE],
    ["2h", 2 * HOUR],
    ["3d", 3 * DAY],
    ["1h30m", HOUR + 30 * MINUTE],
    ["45s", 45 * SECOND],
    ["1d2h3m4s", DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND],
    [" 2H ", 2 * HOUR],
    ["1h 30m", HOUR + 30 * MINUTE],
    ["5 m", 5 * MINUTE],
    ["0m", 0],
  ])("reads %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "  ", "abc", "90", "m", "1.5h", "-5m", "30m1h", "2w", "1h1h", "1e3s"])(
    "rejects %j",
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});
