// The store port's contract: one suite, run against every implementation (the embedded store
// now, PostgreSQL later). `open` gives two handles on one store, as two processes would have.
import { describe, expect, it } from "vitest";
import * as z from "../../src/zod.ts";
import type { NewConfirmation, StorePort } from "../../src/store/port.ts";
import type { AuditRecord, CollectedError } from "../../src/store/schema.ts";

export interface ContractTarget {
  /** Two handles on one fresh, empty store (for example two processes' views). */
  open(options: { auditMaxRecords?: number }): Promise<[StorePort, StorePort]>;
}

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const alice = { platform: "slack", id: "U1", name: "Alice" };
const bob = { platform: "slack", id: "U2", name: "Bob" };
const place = { platform: "slack", channel: "C1" };

const pending = (over: Partial<NewConfirmation> = {}): NewConfirmation => ({
  kind: "confirm",
  mutation: "block",
  hosting: "example.com",
  args: { reason: "hacked form" },
  requester: alice,
  channel: "C1",
  language: "en",
  createdAt: T0,
  expiresAt: T0 + 300_000,
  ...over,
});

const audit = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  at: T0,
  event: "request",
  platform: "slack",
  actorId: "U1",
  actorName: "Alice",
  channel: "C1",
  command: "status",
  outcome: "answered",
  ...over,
});

const error = (at: number, hosting = "example.com", to = "a@b.fr"): CollectedError => ({ at, hosting, to, message: "550 no such user" });

export function storeContract(name: string, target: ContractTarget): void {
  describe(`store contract: ${name}`, () => {
    describe("confirmations", () => {
      it("create then get; a newer request by the same person, channel and action replaces the pending one", async () => {
        const [a, b] = await target.open({});
        const first = await a.confirmations.create(pending());
        expect(first.status).toBe("pending");
        expect(await b.confirmations.get(first.token)).toEqual(first);
        const second = await b.confirmations.create(pending({ createdAt: T0 + 1 }));
        expect(await a.confirmations.get(first.token)).toBeUndefined();
        expect((await a.confirmations.get(second.token))?.status).toBe("pending");
        const other = await a.confirmations.create(pending({ requester: bob }));
        const elsewhere = await a.confirmations.create(pending({ channel: "C2" }));
        expect(await a.confirmations.get(second.token)).toBeDefined();
        expect(await a.confirmations.get(other.token)).toBeDefined();
        expect(await a.confirmations.get(elsewhere.token)).toBeDefined();
      });

      it("claim: claimed once; then already decided, by whom; expired; unknown", async () => {
        const [a, b] = await target.open({});
        const c = await a.confirmations.create(pending());
        const won = await a.confirmations.claim(c.token, { to: "executing", by: alice, place, at: T0 + 10, executor: "h/1" });
        expect(won.kind).toBe("claimed");
        const late = await b.confirmations.claim(c.token, { to: "cancelled", by: bob, place, at: T0 + 11 });
        expect(late.kind).toBe("decided");
        if (late.kind !== "decided") throw new Error("unreachable");
        expect(late.confirmation.decidedBy).toEqual(alice);
        expect(late.confirmation.status).toBe("executing");
        expect(late.confirmation.executor).toBe("h/1");

        const old = await a.confirmations.create(pending({ requester: bob }));
        const expired = await b.confirmations.claim(old.token, { to: "executing", by: bob, place, at: T0 + 300_001 });
        expect(expired.kind).toBe("expired");
        const again = await a.confirmations.claim(old.token, { to: "executing", by: bob, place, at: T0 + 300_002 });
        expect(again.kind).toBe("decided");
        if (again.kind === "decided") expect(again.confirmation.status).toBe("expired");

        expect((await a.confirmations.claim("nope-nope-nope-nope", { to: "executing", by: bob, place, at: T0 })).kind).toBe("unknown");
      });

      it("50 concurrent claims through two handles: exactly one wins", async () => {
        const [a, b] = await target.open({});
        const c = await a.confirmations.create(pending());
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? a : b).confirmations.claim(c.token, { to: "executing", by: i % 3 ? alice : bob, place, at: T0 + i }),
          ),
        );
        expect(results.filter((r) => r.kind === "claimed")).toHaveLength(1);
        expect(results.filter((r) => r.kind === "decided")).toHaveLength(49);
      });

      it("finish: only an executing one, only once, with its audit record in the same operation", async () => {
        const [a, b] = await target.open({});
        const c = await a.confirmations.create(pending());
        const record = { ...audit({ event: "executed", command: "block", hosting: "example.com", outcome: "done" }) } as Omit<AuditRecord, "at"> & { at?: number };
        delete record.at;
        expect(await a.confirmations.finish(c.token, "done", record, T0 + 2)).toBeUndefined();
        await a.confirmations.claim(c.token, { to: "executing", by: alice, place, at: T0 + 1 });
        expect((await b.confirmations.executing()).map((x) => x.token)).toEqual([c.token]);
        const both = await Promise.all([a.confirmations.finish(c.token, "done", record, T0 + 2), b.confirmations.finish(c.token, "failed", record, T0 + 2)]);
        expect(both.filter((ended) => ended !== undefined)).toHaveLength(1);
        expect(await a.confirmations.executing()).toEqual([]);
        const executed = (await b.audit.recent(10)).filter((r) => r.event === "executed");
        expect(executed).toHaveLength(1);
        expect(executed[0]).toMatchObject({ at: T0 + 2, hosting: "example.com", outcome: "done", confirmation: c.token });
      });

      it("expire marks a pending one once; prune forgets long-decided ones only", async () => {
        const [a] = await target.open({});
        const c = await a.confirmations.create(pending({ kind: "offer", requester: null }));
        expect(await a.confirmations.expire(c.token, T0 + 400_000)).toBe(true);
        expect(await a.confirmations.expire(c.token, T0 + 400_001)).toBe(false);
        const live = await a.confirmations.create(pending({ requester: bob, expiresAt: T0 + 10 * 86_400_000 }));
        expect(await a.confirmations.prune(T0 + 400_001)).toBe(1);
        expect(await a.confirmations.get(c.token)).toBeUndefined();
        expect(await a.confirmations.get(live.token)).toBeDefined();
      });
    });

    it("holds: first sight of a stop is 'at the latest', kept until sending again; the bot's block is exact", async () => {
      const [a, b] = await target.open({});
      expect(await a.holds.observe("x.fr", true, T0)).toEqual({ since: T0, exact: false });
      expect(await b.holds.observe("x.fr", true, T0 + 5)).toEqual({ since: T0, exact: false });
      expect(await b.holds.observe("x.fr", false, T0 + 6)).toBeUndefined();
      expect(await a.holds.get("x.fr")).toBeUndefined();
      await a.holds.record("y.fr", { since: T0 + 7, exact: true });
      expect(await b.holds.all()).toEqual({ "y.fr": { since: T0 + 7, exact: true } });
    });

    it("follows: added, listed, removed by exactly one caller", async () => {
      const [a, b] = await target.open({});
      const follow = { hosting: "x.fr", mutation: "purge" as const, by: alice, startedAt: T0, fromState: "ko", refs: [{ platform: "slack", channel: "C1", id: "1.2" }] };
      await a.follows.add(follow);
      expect(await b.follows.all()).toEqual([follow]);
      const removed = await Promise.all([a.follows.remove(`x.fr:${T0}`), b.follows.remove(`x.fr:${T0}`)]);
      expect(removed.filter(Boolean)).toHaveLength(1);
      expect(await a.follows.all()).toEqual([]);
    });

    it("job state: read through the job's schema; initial when absent or not fitting", async () => {
      const [a, b] = await target.open({});
      const schema = z.object({ cursor: z.number(), names: z.array(z.string()) });
      expect(await a.jobs.read("demo", schema, () => ({ cursor: 0, names: [] }))).toEqual({ cursor: 0, names: [] });
      await a.jobs.write("demo", schema, { cursor: 5, names: ["x"] });
      expect(await b.jobs.read("demo", schema, () => ({ cursor: 0, names: [] }))).toEqual({ cursor: 5, names: ["x"] });
      const other = z.object({ cursor: z.string() });
      expect(await b.jobs.read("demo", other, () => ({ cursor: "fresh" }))).toEqual({ cursor: "fresh" });
      await expect(a.jobs.write("demo", schema, { cursor: "bad" } as never)).rejects.toThrow();
    });

    it("post ledger: claimed until sent or skipped; a failed or interrupted one is claimed again", async () => {
      const [a, b] = await target.open({});
      expect(await a.posts.claim("k1", T0)).toEqual({ kind: "claimed" });
      expect((await b.posts.get("k1"))?.status).toBe("sending");
      expect(await b.posts.claim("k1", T0 + 1)).toEqual({ kind: "claimed" });
      await b.posts.markFailed("k1", T0 + 2);
      expect(await a.posts.claim("k1", T0 + 3)).toEqual({ kind: "claimed" });
      const refs = [{ platform: "slack", channel: "C1", id: "9" }];
      await a.posts.markSent("k1", refs, T0 + 4);
      expect(await b.posts.claim("k1", T0 + 5)).toEqual({ kind: "done", entry: { status: "sent", at: T0 + 4, refs } });
      await b.posts.markFailed("k1", T0 + 6);
      expect((await a.posts.get("k1"))?.status).toBe("sent");
      expect(await a.posts.skip("k2", T0)).toBe(true);
      expect(await a.posts.skip("k1", T0)).toBe(false);
      expect((await b.posts.claim("k2", T0)).kind).toBe("done");
      expect(await a.posts.prune(T0 + 1)).toBe(1);
      expect(await a.posts.get("k2")).toBeUndefined();
    });

    it("audit: appended by both handles; newest first by hosting with a limit; pruned by age", async () => {
      const [a, b] = await target.open({});
      for (let i = 0; i < 30; i += 1) await (i % 2 ? a : b).audit.append(audit({ at: T0 + i, hosting: i % 3 ? "x.fr" : "y.fr", outcome: `n${i}` }));
      const recent = await a.audit.recent(5, "y.fr");
      expect(recent.map((r) => r.outcome)).toEqual(["n27", "n24", "n21", "n18", "n15"]);
      expect((await b.audit.recent(100)).length).toBe(30);
      expect((await b.audit.recent(3)).map((r) => r.outcome)).toEqual(["n29", "n28", "n27"]);
      const dropped = await a.audit.prune(T0 + 365 * 86_400_000 + 10);
      expect(dropped).toBe(10);
      expect((await a.audit.recent(100)).at(-1)?.outcome).toBe("n10");
    });

    it("audit: records appended later keep their order before the next record, and `recent` shows them", async () => {
      const [a, b] = await target.open({});
      a.audit.appendLater(audit({ at: T0, outcome: "read1" }));
      a.audit.appendLater(audit({ at: T0 + 1, outcome: "read2" }));
      await a.audit.append(audit({ at: T0 + 2, outcome: "change" }));
      expect((await b.audit.recent(10)).map((r) => r.outcome)).toEqual(["change", "read2", "read1"]);
      a.audit.appendLater(audit({ at: T0 + 3, outcome: "read3" }));
      expect((await a.audit.recent(10)).map((r) => r.outcome)).toEqual(["read3", "change", "read2", "read1"]);
    });

    it("audit: the count bound holds (within 10 %) without a prune call", async () => {
      const [a] = await target.open({ auditMaxRecords: 20 });
      for (let i = 0; i < 60; i += 1) await a.audit.append(audit({ at: T0 + i, outcome: `n${i}` }));
      const kept = await a.audit.recent(1000);
      expect(kept.length).toBeLessThanOrEqual(22);
      expect(kept[0]?.outcome).toBe("n59");
    });

    it("collected errors: appending the same ones again keeps them once; a time range; prune", async () => {
      const [a, b] = await target.open({});
      const batch = [error(T0), error(T0 + 1), error(T0 + 2, "y.fr")];
      await a.errors.appendMany(batch);
      await b.errors.appendMany(batch.slice(1));
      expect(await b.errors.between(T0, T0 + 3)).toEqual(batch);
      expect(await a.errors.between(T0 + 1, T0 + 2)).toEqual([batch[1]]);
      expect(await a.errors.between(T0, T0 + 3, new Set(["y.fr"]))).toEqual([batch[2]]);
      expect(await a.errors.prune(T0 + 1)).toBeGreaterThanOrEqual(1);
      expect(await b.errors.between(0, T0 + 3)).toEqual(batch.slice(1));
    });

    it("collected errors: scan hands over the errors of between, one at a time, oldest first", async () => {
      const [a, b] = await target.open({});
      const batch = [error(T0), error(T0 + 1), error(T0 + 2, "y.fr")];
      await a.errors.appendMany(batch);
      await b.errors.appendMany(batch.slice(1));
      const scanned = async (from: number, to: number, hostings?: ReadonlySet<string>) => {
        const seen: unknown[] = [];
        await b.errors.scan(from, to, hostings, (e) => seen.push(e));
        return seen;
      };
      expect(await scanned(T0, T0 + 3)).toEqual(batch);
      expect(await scanned(T0 + 1, T0 + 2)).toEqual([batch[1]]);
      expect(await scanned(T0, T0 + 3, new Set(["y.fr"]))).toEqual([batch[2]]);
      expect(await scanned(T0 + 3, T0 + 9)).toEqual([]);
    });

    it("dedupe keys: first caller only, while the key lives", async () => {
      const [a, b] = await target.open({});
      const firsts = await Promise.all([a.dedupe.claim("ev1", T0, 1000), b.dedupe.claim("ev1", T0, 1000)]);
      expect(firsts.filter(Boolean)).toHaveLength(1);
      expect(await a.dedupe.claim("ev1", T0 + 999, 1000)).toBe(false);
      expect(await b.dedupe.claim("ev1", T0 + 1000, 1000)).toBe(true);
    });

    it("lease: acquired, renewed, released", async () => {
      const [a] = await target.open({});
      const lease = await a.lease.acquire("replica-1", 15_000);
      expect(lease?.holder).toBe("replica-1");
      expect(lease?.term).toBeGreaterThan(0);
      const renewed = await a.lease.renew(lease!, 15_000);
      expect(renewed?.term).toBe(lease?.term);
      await a.lease.release(renewed!);
    });
  });
}
