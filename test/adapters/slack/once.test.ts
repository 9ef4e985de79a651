// The Slack delivery log: a key is handled once while kept; kept ten minutes (past Slack's
// last retry at five), and never more than its bound, the oldest let go first.
import { describe, expect, it } from "vitest";
import { DeliveryLog } from "../../../adapters/slack/once.ts";

describe("DeliveryLog", () => {
  it("a key is first once; again once its time is over", async () => {
    let now = 0;
    const log = new DeliveryLog(undefined, () => now);
    expect(await log.first("command:T1")).toBe(true);
    now = 5 * 60_000 + 1_000;
    expect(await log.first("command:T1")).toBe(false);
    now = 10 * 60_000 + 1;
    expect(await log.first("command:T1")).toBe(true);
  });

  it("past its bound, the oldest keys are let go and the newest kept", async () => {
    const log = new DeliveryLog(60_000, () => 0, undefined, 3);
    for (const key of ["a", "b", "c", "d"]) expect(await log.first(key)).toBe(true);
    expect(await log.first("d")).toBe(false);
    expect(await log.first("c")).toBe(false);
    expect(await log.first("b")).toBe(false);
    // "a" went when "d" came: seen again, it is first again (and "b" goes for it).
    expect(await log.first("a")).toBe(true);
    expect(await log.first("c")).toBe(false);
    expect(await log.first("b")).toBe(true);
  });

  it("the shared keys decide after this process's own", async () => {
    const asked: string[] = [];
    const log = new DeliveryLog(60_000, () => 0, async (key) => {
      asked.push(key);
      return false;
    });
    expect(await log.first("command:T2")).toBe(false);
    expect(await log.first("command:T2")).toBe(false);
    expect(asked).toEqual(["slack:command:T2"]);
  });
});
