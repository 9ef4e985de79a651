import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { AppendLog } from "../../src/store/appendLog.ts";
import { AuditTrail } from "../../src/store/audit.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const DAY = 86_400_000;

describe("AppendLog retention", () => {
  const tempDir = useTempDir();

  it("never keeps more than 110 % of the count bound, and keeps the newest", async () => {
    const file = join(await tempDir(), "log.jsonl");
    const clock = new ManualClock();
    const log = await AppendLog.open<{ at: number; n: number }>(file, { maxRecords: 100, maxAgeMs: DAY }, clock);
    for (let n = 0; n < 500; n++) {
      await log.append({ at: clock.now(), n });
      expect(log.size).toBeLessThanOrEqual(110);
    }
    const all = await log.readAll();
    expect(all.at(-1)?.n).toBe(499);
    expect(all[0]?.n).toBeGreaterThan(380);
  });

  it("drops records older than the age bound when opened", async () => {
    const file = join(await tempDir(), "log.jsonl");
    const clock = new ManualClock();
    const log = await AppendLog.open<{ at: number; n: number }>(file, { maxRecords: 100, maxAgeMs: DAY }, clock);
    await log.append({ at: clock.now(), n: 1 });
    clock.advance(2 * DAY);
    await log.append({ at: clock.now(), n: 2 });
    const reopened = await AppendLog.open<{ at: number; n: number }>(file, { maxRecords: 100, maxAgeMs: DAY }, clock);
    expect((await reopened.readAll()).map((r) => r.n)).toEqual([2]);
    expect(reopened.size).toBe(1);
  });

  it("skips a line torn by a crash instead of failing", async () => {
    const file = join(await tempDir(), "log.jsonl");
    const clock = new ManualClock();
    const log = await AppendLog.open<{ at: number; n: number }>(file, { maxRecords: 100, maxAgeMs: DAY }, clock);
    await log.append({ at: clock.now(), n: 1 });
    await appendFile(file, '{"at":12,"n"');
    expect((await log.readAll()).map((r) => r.n)).toEqual([1]);
  });
});

describe("AuditTrail", () => {
  const tempDir = useTempDir();

  it("returns the newest records first, filtered by hosting", async () => {
    const file = join(await tempDir(), "audit.jsonl");
    const clock = new ManualClock();
    const audit = await AuditTrail.open(file, { maxRecords: 1000, maxAgeMs: DAY }, clock);
    for (const hosting of ["a.fr", "b.fr", "a.fr"]) {
      clock.advance(1000);
      await audit.record({ event: "executed", platform: "console", actorId: "u", actorName: "u", channel: "t", command: "block", hosting, outcome: "done" });
    }
    const recent = await audit.recent(10, "a.fr");
    expect(recent).toHaveLength(2);
    expect(recent[0]!.at).toBeGreaterThan(recent[1]!.at);
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(3);
  });
});
