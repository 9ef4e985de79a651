// Leadership over a lease (a fake one here, held by promises; the real lease has its own
// tests): the work runs only while the lease is held, stops at once when it is lost, and a
// stop hands the lease over. Time moves by hand.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { Leadership } from "../../src/jobs/leadership.ts";
import type { Lease, LeaseOps } from "../../src/store/port.ts";
import { FakeTimers, settle } from "../helpers/fakeTimers.ts";

class FakeLease implements LeaseOps {
  holder: string | undefined;
  term = 0;
  /** When set, calls wait for it (a database that does not answer). */
  hang: Promise<void> | undefined;
  released: number[] = [];
  async acquire(holder: string): Promise<Lease | undefined> {
    await this.hang;
    if (this.holder !== undefined) return undefined;
    this.holder = holder;
    this.term += 1;
    return { holder, term: this.term, expiresAt: 0 };
  }
  async renew(lease: Lease): Promise<Lease | undefined> {
    await this.hang;
    return this.holder === lease.holder && this.term === lease.term ? lease : undefined;
  }
  async release(lease: Lease): Promise<void> {
    if (this.holder === lease.holder && this.term === lease.term) this.holder = undefined;
    this.released.push(lease.term);
  }
}

function replica(lease: FakeLease, holder: string, timers: FakeTimers) {
  const events: string[] = [];
  const leadership = new Leadership({
    lease,
    holder,
    logger: pino({ level: "silent" }),
    timers,
    onGain: async (term) => {
      events.push(`gain ${term}`);
    },
    onLose: async () => {
      events.push("lose");
    },
  });
  return { leadership, events };
}

describe("leadership", () => {
  it("runs the work on the replica that got the lease only", async () => {
    const lease = new FakeLease();
    const timers = new FakeTimers();
    const a = replica(lease, "a", timers);
    const b = replica(lease, "b", timers);
    await a.leadership.start();
    await b.leadership.start();
    await timers.advance(20_000);
    expect(a.events).toEqual(["gain 1"]);
    expect(b.events).toEqual([]);
    expect([a.leadership.isLeader, b.leadership.isLeader]).toEqual([true, false]);
  });

  it("stops the work at the first refused renewal, and another replica takes over", async () => {
    const lease = new FakeLease();
    const timers = new FakeTimers();
    const a = replica(lease, "a", timers);
    const b = replica(lease, "b", timers);
    await a.leadership.start();
    await b.leadership.start();
    lease.holder = undefined; // the lease expired in the database (a long pause of a)
    await timers.advance(5_000);
    expect(b.events).toEqual(["gain 2"]);
    expect(a.events).toEqual(["gain 1", "lose"]);
    expect(a.leadership.isLeader).toBe(false);
  });

  it("stops the work by its own deadline when the database does not answer", async () => {
    const lease = new FakeLease();
    const timers = new FakeTimers();
    const a = replica(lease, "a", timers);
    await a.leadership.start();
    let answer!: () => void;
    lease.hang = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await timers.advance(14_999);
    expect(a.events).toEqual(["gain 1"]);
    await timers.advance(1);
    expect(a.events).toEqual(["gain 1", "lose"]);
    // The database answers again: the lease was still ours, but the work stays stopped until taken anew.
    lease.hang = undefined;
    answer();
    await settle();
    expect(a.leadership.isLeader).toBe(false);
  });

  it("keeps the lease while renewals succeed, however long it runs", async () => {
    const lease = new FakeLease();
    const timers = new FakeTimers();
    const a = replica(lease, "a", timers);
    await a.leadership.start();
    await timers.advance(10 * 60_000);
    expect(a.events).toEqual(["gain 1"]);
  });

  it("on stop, stops the work first, then releases the lease for the next replica", async () => {
    const lease = new FakeLease();
    const timers = new FakeTimers();
    const a = replica(lease, "a", timers);
    const b = replica(lease, "b", timers);
    await a.leadership.start();
    await b.leadership.start();
    await a.leadership.stop();
    expect(a.events).toEqual(["gain 1", "lose"]);
    expect(lease.released).toEqual([1]);
    await timers.advance(5_000);
    expect(b.events).toEqual(["gain 2"]);
    await timers.advance(60_000);
    expect(a.events).toEqual(["gain 1", "lose"]);
  });
});
