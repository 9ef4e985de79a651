import pino from "pino";
import * as z from "../../src/zod.ts";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Bounce, HostingProvider } from "../../src/hosting/port.ts";
import { Collector } from "../../src/jobs/collector.ts";
import { type CollectedError, MemoryErrorLog } from "../../src/jobs/errorLog.ts";
import { jobSettings } from "../../src/jobs/settings.ts";
import { envSchema } from "../../src/config.ts";
import { EmbeddedStore } from "../../src/store/embedded/embeddedStore.ts";

const openStore = (dataFile: string) => EmbeddedStore.open({ dataFile, audit: { maxRecords: 1000, maxAgeMs: 365 * 86_400_000 } });
import { useTempDir } from "../helpers/tempDir.ts";

const HOSTING = "shop-example.fr";
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A provider that only answers `bounces`, from a list the test fills (oldest first). */
function errorsOnly(log: Bounce[]): HostingProvider {
  return {
    kind: "test",
    listHostings: async () => [HOSTING],
    getMail: async () => Promise.reject(new Error("not used")),
    requestAction: async () => Promise.reject(new Error("not used")),
    setReportRecipient: async () => Promise.reject(new Error("not used")),
    volumes: async () => [],
    bounces: async (_hosting, limit) => log.slice(-Math.min(limit, 100)).reverse(),
  };
}

describe("error collector", () => {
  const tempDir = useTempDir();

  async function setup() {
    const dir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const store = await openStore(`${dir}/mailbrake.json`);
    const log: Bounce[] = [];
    const errors = new MemoryErrorLog();
    const settings = jobSettings(envSchema.parse({}));
    const collector = new Collector({
      provider: errorsOnly(log),
      store,
      errors,
      settings,
      now: () => clock.now(),
      sleep: async () => undefined,
      logger: pino({ level: "silent" }),
    });
    const add = (at: number, to: string, message = "550 5.1.1 User unknown") =>
      log.push({ date: new Date(at).toISOString(), to, message });
    return { dir, clock, store, log, errors, collector, add, settings };
  }

  it("keeps each error once across overlapping answers, including twins in the same millisecond", async () => {
    const { clock, errors, collector, add } = await setup();
    const t = clock.now() - 5 * MINUTE;
    add(t, "a@x.fr");
    add(t + 1000, "b@x.fr");
    add(t + 1000, "b@x.fr"); // the same error twice in the same second: two errors
    expect((await collector.poll([HOSTING]))[0]!.added).toBe(3);
    add(t + 1000, "b@x.fr"); // a third twin arrives later
    add(t + 2000, "c@x.fr");
    clock.advance(10 * MINUTE);
    expect((await collector.poll([HOSTING]))[0]!.added).toBe(2);
    expect((await collector.poll([HOSTING]))[0]!.added).toBe(0);
    const kept = await errors.between(0, clock.now());
    expect(kept.map((e) => e.to)).toEqual(["a@x.fr", "b@x.fr", "b@x.fr", "b@x.fr", "c@x.fr"]);
    expect(collector.gaps(0, clock.now(), new Set([HOSTING]))).toEqual([]);
  });

  it("records a gap when 100 new errors leave no overlap, and polls faster while errors pour in", async () => {
    const { clock, collector, add, settings } = await setup();
    add(clock.now() - MINUTE, "first@x.fr");
    await collector.poll([HOSTING]);
    const lastRead = clock.now();
    clock.advance(10 * MINUTE);
    for (let i = 0; i < 130; i++) add(lastRead + 1000 + i * 1000, `r${i}@x.fr`);
    const [result] = await collector.poll([HOSTING]);
    expect(result!.added).toBe(100);
    const gaps = collector.gaps(0, clock.now(), new Set([HOSTING]));
    expect(gaps).toEqual([{ hosting: HOSTING, from: lastRead, to: lastRead + 31_000 }]);
    expect(collector.due([HOSTING])).toEqual([]);
    clock.advance(settings.collectFastEveryMs);
    expect(collector.due([HOSTING])).toEqual([HOSTING]);
  });

  it("a first read of a full log says collection starts there", async () => {
    const { clock, collector, add } = await setup();
    for (let i = 0; i < 150; i++) add(clock.now() - DAY + i * MINUTE, `r${i}@x.fr`);
    await collector.poll([HOSTING]);
    const [gap] = collector.gaps(0, clock.now(), new Set([HOSTING]));
    expect(gap).toEqual({ hosting: HOSTING, from: 0, to: clock.now() - DAY + 50 * MINUTE });
  });

  it("skips answers with a date it cannot read instead of failing", async () => {
    const { collector, log, add, clock } = await setup();
    log.push({ date: "not a date", to: "x@x.fr", message: "550 5.1.1" });
    add(clock.now(), "ok@x.fr");
    expect((await collector.poll([HOSTING]))[0]!.added).toBe(1);
  });

  it("the error log keeps only the retention period", async () => {
    const dir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const store = await openStore(`${dir}/mailbrake.json`);
    await store.errors.appendMany([
      { at: clock.now() - 20 * DAY, hosting: HOSTING, to: "old@x.fr", message: "550" },
      { at: clock.now() - DAY, hosting: HOSTING, to: "new@x.fr", message: "550" },
    ]);
    await store.errors.prune(clock.now() - 14 * DAY);
    const reopened = (await openStore(`${dir}/mailbrake.json`)).errors;
    expect((await reopened.between(0, clock.now())).map((e) => e.to)).toEqual(["new@x.fr"]);
  });

  it("an error appended twice (a crash before the cursor was saved) is counted once", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const log = (await openStore(`${await tempDir()}/mailbrake.json`)).errors;
    const error = { at: clock.now() - MINUTE, hosting: HOSTING, to: "a@x.fr", message: "550 5.1.1" };
    const other = { ...error, hosting: "other.example" };
    await log.appendMany([error, other]);
    await log.appendMany([error]);
    expect(await log.between(0, clock.now())).toEqual([error, other]);
  });

  it("saves each hosting's cursor right after its errors are in the log", async () => {
    const dir = await tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
    const file = `${dir}/mailbrake.json`;
    const store = await openStore(file);
    const bounce = { date: new Date(clock.now() - MINUTE).toISOString(), to: "a@x.fr", message: "550" };
    const provider: HostingProvider = { ...errorsOnly([]), bounces: async () => [bounce] };
    const errors = new MemoryErrorLog();
    const crashing = {
      appendMany: async (list: readonly CollectedError[]) => {
        if (list[0]?.hosting === "second.example") throw new Error("the process died here");
        await errors.appendMany(list);
      },
      between: errors.between.bind(errors),
      scan: errors.scan.bind(errors),
    };
    const collector = new Collector({
      provider,
      store,
      errors: crashing,
      settings: jobSettings(envSchema.parse({})),
      now: () => clock.now(),
      sleep: async () => undefined,
      logger: pino({ level: "silent" }),
      concurrency: 1,
    });
    await expect(collector.poll(["first.example", "second.example"])).rejects.toThrow("the process died here");
    const reopened = await openStore(file);
    const kept = z.object({ cursors: z.record(z.string(), z.object({ lastPollAt: z.number() })) });
    const { cursors } = await reopened.jobs.read("collector", kept, () => ({ cursors: {} }));
    expect(cursors["first.example"]?.lastPollAt).toBe(clock.now());
  });
});
