import pino from "pino";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { loadEnv } from "../../src/config.ts";
import { Notifier } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import { ConfigError } from "../../src/errors.ts";
import { HostingError } from "../../src/hosting/port.ts";
import { PostLedger } from "../../src/jobs/postLedger.ts";
import { mapLimit } from "../../src/core/mapLimit.ts";
import { withRetry } from "../../src/jobs/retry.ts";
import { Scheduler } from "../../src/jobs/scheduler.ts";
import { jobSettings } from "../../src/jobs/settings.ts";
import { EmbeddedStore } from "../../src/store/embedded/embeddedStore.ts";
import { FlakySink } from "../helpers/jobsApp.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const reply: Reply = { text: "hello", visibility: "channel" };

const silent = pino({ level: "silent" });

describe("post ledger", () => {
  const tempDir = useTempDir();

  async function setup() {
    const file = `${await tempDir()}/mailbrake.json`;
    const clock = new ManualClock();
    const open = async () => {
      const store = await EmbeddedStore.open({ dataFile: file, audit: { maxRecords: 1000, maxAgeMs: 86_400_000 } });
      const notifier = new Notifier(silent);
      const sink = new FlakySink();
      notifier.add(sink);
      return { store, sink, ledger: new PostLedger(store, notifier, () => clock.now()) };
    };
    return { clock, open };
  }

  it("posts once per key, also after a restart", async () => {
    const { open } = await setup();
    const first = await open();
    expect(await first.ledger.postOnce("report:default:1", reply, {})).toEqual([{ platform: "slack", channel: "C1", id: "1" }]);
    expect(await first.ledger.postOnce("report:default:1", reply, {})).toBeUndefined();
    const second = await open();
    expect(await second.ledger.postOnce("report:default:1", reply, {})).toBeUndefined();
    expect(second.sink.posts).toHaveLength(0);
    expect(await second.ledger.edit("report:default:1", { ...reply, text: "edited" })).toBe(true);
    expect(second.sink.edits.map((e) => e.ref.id)).toEqual(["1"]);
  });

  it("a post stored but not marked sent (the process died) is sent on the next run, not lost", async () => {
    const { open } = await setup();
    const first = await open();
    expect(await first.store.posts.claim("hold:x:1:24", 0)).toEqual({ kind: "claimed" });
    const second = await open();
    expect(await second.ledger.postOnce("hold:x:1:24", reply, {})).toHaveLength(1);
    expect(await second.ledger.done("hold:x:1:24")).toBe(true);
  });

  it("a skipped key is never posted, and old keys are forgotten", async () => {
    const { open, clock } = await setup();
    const { ledger, sink } = await open();
    await ledger.skip("hold:x:1:24");
    expect(await ledger.postOnce("hold:x:1:24", reply, {})).toBeUndefined();
    expect(sink.posts).toHaveLength(0);
    expect(await ledger.done("hold:x:1:24")).toBe(true);
    clock.advance(41 * 86_400_000);
    await ledger.prune();
    expect(await ledger.done("hold:x:1:24")).toBe(false);
  });

  it("a post every channel refused stays owed and goes out on a later try, across a restart", async () => {
    const { open } = await setup();
    const first = await open();
    first.sink.failing = true;
    expect(await first.ledger.postOnce("hold:x:1:24", reply, {})).toBeUndefined();
    expect(await first.ledger.done("hold:x:1:24")).toBe(false);
    const second = await open();
    expect(await second.ledger.postOnce("hold:x:1:24", reply, {})).toHaveLength(1);
    expect(await second.ledger.done("hold:x:1:24")).toBe(true);
  });

  it("is sent when one channel of two took it, or when there is no channel at all", async () => {
    const { open, clock } = await setup();
    const { store, ledger, sink } = await open();
    const notifier = new Notifier(silent);
    const broken = new FlakySink("discord");
    broken.failing = true;
    notifier.add(broken);
    notifier.add(sink);
    const two = new PostLedger(store, notifier, () => clock.now());
    expect(await two.postOnce("report:a", reply, {})).toHaveLength(1);
    expect(await two.done("report:a")).toBe(true);
    expect(await notifier.deliver(reply)).toMatchObject({ failedPlatforms: ["discord"], delivered: true });
    const none = new PostLedger(store, new Notifier(silent), () => clock.now());
    expect(await none.postOnce("report:b", reply, {})).toEqual([]);
    expect(await none.done("report:b")).toBe(true);
    expect(await ledger.done("report:b")).toBe(true);
  });
});

describe("scheduler", () => {
  it("never overlaps a job with itself and survives a failing run", async () => {
    const scheduler = new Scheduler(silent);
    let release: () => void = () => undefined;
    let runs = 0;
    const slow = () =>
      new Promise<void>((resolve) => {
        runs += 1;
        release = resolve;
      });
    const first = scheduler.runOnce("tick", slow);
    await scheduler.runOnce("tick", slow); // skipped: the first is still running
    expect(runs).toBe(1);
    release();
    await first;
    await expect(scheduler.runOnce("tick", async () => Promise.reject(new Error("boom")))).resolves.toBeUndefined();
    const third = scheduler.runOnce("tick", slow); // free again after the failure
    expect(runs).toBe(2);
    release();
    await third;
    await scheduler.stop();
  });

  it("stop() waits for a run in progress, so nothing writes after it", async () => {
    const scheduler = new Scheduler(silent);
    let release: () => void = () => undefined;
    let finished = false;
    const run = scheduler.runOnce("tick", async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      finished = true;
    });
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await run;
  });
});

describe("retries and bounded concurrency", () => {
  it("retries transient failures with doubling waits, not refusals", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    let calls = 0;
    const flaky = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new HostingError("unavailable", "down");
      return "ok";
    }, { retries: 3, baseMs: 100, sleep });
    expect(flaky).toEqual({ ok: true, value: "ok" });
    expect(waits).toEqual([100, 200]);
    const refused = await withRetry(async () => Promise.reject(new HostingError("not_found", "gone")), { retries: 3, baseMs: 100, sleep });
    expect(refused.ok).toBe(false);
    expect(waits).toEqual([100, 200]);
  });

  it("keeps at most the limit in flight and the results in order", async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(most).toBe(3);
  });
});

describe("job settings", () => {
  it("reads the defaults and the warning hours, largest first", () => {
    const settings = jobSettings(loadEnv({ MAILBRAKE_HOLD_WARN_HOURS: "1,24,6,6" }));
    expect(settings.holdWarnHours).toEqual([24, 6, 1]);
    expect(settings.collectEveryMs).toBe(600_000);
    expect(settings.watchEveryMs).toBe(300_000);
    expect(settings.retentionMs).toBe(14 * 86_400_000);
  });

  it.each([
    ["MAILBRAKE_HOLD_WARN_HOURS", "soon"],
    ["MAILBRAKE_HOLD_WARN_HOURS", "24,80"],
    ["MAILBRAKE_WATCH_MINUTES", "0"],
    ["MAILBRAKE_SPIKE_DAILY_SHARE", "1.5"],
    ["MAILBRAKE_ERROR_RETENTION_DAYS", "-3"],
  ])("%s=%s is refused, naming the variable", (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => loadEnv({ [name]: value })).toThrow(name);
  });
});
