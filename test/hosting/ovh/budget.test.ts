// The provider's fair-use budget: never more than OVH_CALLS_PER_MINUTE calls in any minute,
// a person's command served before the jobs' waiting calls, the jobs' intervals stretched
// when an account has many hostings. Time is a fake timer: nothing waits on the wall clock.
import { afterEach, describe, expect, it } from "vitest";
import { callPlan } from "../../../src/hosting/callPlan.ts";
import { CallBudget, WINDOW_MS } from "../../../src/hosting/ovh/budget.ts";
import type { SandboxHostingSeed } from "../../../src/hosting/sandbox/index.ts";
import { FakeTimer } from "../../fakes/fakeTimer.ts";
import { type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Most grants within any window of 60 s. */
function busiestMinute(times: number[]): number {
  let most = 0;
  for (const start of times) most = Math.max(most, times.filter((t) => t >= start && t < start + WINDOW_MS).length);
  return most;
}

describe("CallBudget", () => {
  it("grants at most the budget in any minute, however many callers wait", async () => {
    const timer = new FakeTimer();
    const budget = new CallBudget(60, timer);
    const granted: number[] = [];
    for (let i = 0; i < 400; i++) void budget.take("job").then(() => granted.push(timer.now()));
    await flush();
    expect(granted).toHaveLength(60);
    for (let minute = 0; minute < 7; minute++) {
      timer.advance(WINDOW_MS);
      await flush();
    }
    expect(granted).toHaveLength(400);
    expect(busiestMinute(granted)).toBe(60);
  });

  it("serves a person's call before the jobs' waiting calls", async () => {
    const timer = new FakeTimer();
    const budget = new CallBudget(10, timer);
    const order: string[] = [];
    for (let i = 0; i < 30; i++) void budget.take("job").then(() => order.push(`job${i}`));
    await flush();
    expect(budget.queued).toEqual({ person: 0, job: 20 });
    timer.advance(20_000);
    void budget.take("person").then(() => order.push("person"));
    await flush();
    expect(order).not.toContain("person"); // the minute is full: the person waits too…
    timer.advance(WINDOW_MS - 20_000);
    await flush();
    expect(order[10]).toBe("person"); // …but goes first when the window frees up
    expect(order).toHaveLength(20);
  });
});

describe("the call plan: jobs stretch their intervals for many hostings", () => {
  const configured = { collectEveryMs: 10 * 60_000, collectFastEveryMs: 60_000, watchEveryMs: 5 * 60_000 };

  it("keeps the configured intervals when the account is small", () => {
    const plan = callPlan(configured, 10, 60);
    expect(plan.stretch).toBe(1);
    expect(plan).toMatchObject(configured);
    expect(plan.perMinute).toBeCloseTo(1 + 1 + 2 + 10 / 1440, 5);
  });

  it("stretches them within the jobs' share (three quarters) for 300 hostings", () => {
    const plan = callPlan(configured, 300, 60);
    expect(plan.configuredPerMinute).toBeGreaterThan(90);
    expect(plan.stretch).toBeGreaterThan(2);
    expect(plan.perMinute).toBeLessThanOrEqual(45);
    expect(plan.watchEveryMs).toBeGreaterThan(configured.watchEveryMs);
  });

  it("does not stretch without a budget (the sandbox)", () => {
    expect(callPlan(configured, 5_000).stretch).toBe(1);
  });
});

describe("the OVHcloud provider within its budget (real node-ovh client, fake API)", () => {
  let h: OvhHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("with 120 hostings and a budget of 20 a minute: never more in any minute, a person's read first", async () => {
    const hostings: SandboxHostingSeed[] = Array.from({ length: 120 }, (_, i) => ({
      name: `site-${String(i).padStart(3, "0")}.example`,
      maxPerDay: 1000,
      profile: { dailyMails: 10, errorRate: 0 },
    }));
    const timer = new FakeTimer(1_000_000);
    h = await startOvhHarness({ hostings, settings: { callsPerMinute: 20, budgetTimer: timer } });
    const harness = h;
    const names = await harness.provider.listHostings(); // a person: /auth/time and the list
    const jobs = harness.provider.forLane("job");
    const sweep = Promise.all(names.map((name) => jobs.getMail(name)));
    const answered = () => harness.fake.requests.filter((r) => r.status !== 0).length;
    /** Yields until the calls granted so far have reached the fake and been answered. */
    const reached = async (count: number) => {
      while (answered() < count) await new Promise((resolve) => setImmediate(resolve));
    };
    const times: number[] = [];
    await reached(20); // 2 for the list, then 18 of the sweep: the minute is full
    times.push(...Array(20).fill(timer.now()));
    const person = harness.provider.getMail("site-119.example");
    let total = 20;
    for (let minute = 0; total < 123; minute++) {
      timer.advance(WINDOW_MS);
      const grant = Math.min(20, 123 - total);
      await reached(total + grant);
      expect(answered()).toBe(total + grant); // no more than the window allows
      if (minute === 0) expect(harness.fake.requests[total]?.path).toBe("/hosting/web/site-119.example/email");
      times.push(...Array(grant).fill(timer.now()));
      total += grant;
    }
    await Promise.all([sweep, person]);
    expect(harness.fake.requests).toHaveLength(2 + 120 + 1);
    expect(busiestMinute(times)).toBeLessThanOrEqual(20);
  });
});
