// The embedded store (lowdb + JSONL under one folder lock) against the store contract, plus
// what only a file store has: torn lines, temp names, stale locks, a file that cannot be read.
import { spawn, spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedStore } from "../../src/store/embedded/embeddedStore.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { storeContract } from "./storeContract.ts";

const tempDir = useTempDir();

async function openTwo(dir: string, auditMaxRecords = 100_000): Promise<[EmbeddedStore, EmbeddedStore]> {
  const options = { dataFile: join(dir, "mailbrake.json"), audit: { maxRecords: auditMaxRecords, maxAgeMs: 365 * 86_400_000 } };
  return [await EmbeddedStore.open(options), await EmbeddedStore.open(options)];
}

storeContract("embedded (lowdb + JSONL)", {
  open: async ({ auditMaxRecords }) => openTwo(await tempDir(), auditMaxRecords),
});

describe("embedded store files", () => {
  it("opening writes nothing; the first change creates the file; no temp file is left", async () => {
    const dir = await tempDir();
    const [store] = await openTwo(dir);
    expect(await readdir(dir)).toEqual([]);
    await store.holds.record("x.fr", { since: 1, exact: true });
    expect((await readdir(dir)).sort()).toEqual(["mailbrake.json"]);
    expect(JSON.parse(await readFile(join(dir, "mailbrake.json"), "utf8")).holds).toEqual({ "x.fr": { since: 1, exact: true } });
  });

  it("an append after a line torn by a crash starts on a fresh line, and the torn line is skipped", async () => {
    const dir = await tempDir();
    const [store] = await openTwo(dir);
    const line = { at: 1, event: "request", platform: "console", actorId: "me", actorName: "me", channel: "", command: "status", outcome: "answered" };
    await writeFile(join(dir, "audit.jsonl"), `${JSON.stringify(line)}\n{"at":2,"event":"requ`);
    await store.audit.append({ ...line, at: 3, outcome: "after" } as never);
    const text = await readFile(join(dir, "audit.jsonl"), "utf8");
    expect(text.split("\n").at(-2)).toContain('"after"');
    expect((await store.audit.recent(10)).map((r) => r.at)).toEqual([3, 1]);
  });

  it("records appended later: a burst is one write within a moment, or written by close, in order", async () => {
    const dir = await tempDir();
    const [store, other] = await openTwo(dir);
    const line = { event: "request", platform: "console", actorId: "me", actorName: "me", channel: "", command: "status", outcome: "answered" } as const;
    for (let at = 1; at <= 20; at += 1) store.audit.appendLater({ ...line, at });
    // Read by the other handle, which does not write them: they arrive on their own, all together.
    await expect.poll(async () => (await other.audit.recent(100)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await other.audit.recent(100)).map((r) => r.at)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    store.audit.appendLater({ ...line, at: 21 });
    await store.close();
    expect((await other.audit.recent(1)).map((r) => r.at)).toEqual([21]);
  });

  it("a stale lock left by a killed process is taken over", async () => {
    const dir = await tempDir();
    const lock = join(dir, ".mailbrake.lock");
    await mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const [store] = await openTwo(dir);
    await store.holds.record("x.fr", { since: 1, exact: true });
    expect(await store.holds.get("x.fr")).toEqual({ since: 1, exact: true });
  });

  it("the lock of a killed process (its owner gone) is taken at once; a live one is waited for by a change, then refused in one line, and never by a read", async () => {
    const dir = await tempDir();
    const options = { dataFile: join(dir, "mailbrake.json"), audit: { maxRecords: 100, maxAgeMs: 86_400_000 } };
    const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    await mkdir(join(dir, ".mailbrake.lock"));
    await writeFile(join(dir, ".mailbrake.lock.owner"), `${hostname()}/${exited}`);
    // A wait far below the lock's staleness: only the dead owner lets it through.
    const store = await EmbeddedStore.open({ ...options, lock: { waitMs: 0 } });
    await store.holds.record("x.fr", { since: 1, exact: true });
    expect(await store.holds.get("x.fr")).toEqual({ since: 1, exact: true });

    const other = await tempDir();
    await mkdir(join(other, ".mailbrake.lock"));
    await writeFile(join(other, ".mailbrake.lock.owner"), `${hostname()}/${process.ppid}`);
    const busy = await EmbeddedStore.open({ ...options, dataFile: join(other, "mailbrake.json"), lock: { waitMs: 0 } });
    await expect(busy.holds.record("x.fr", { since: 2, exact: true })).rejects.toThrow(/^The data folder is busy: another mailbrake process has held .*\.mailbrake\.lock for over \d+ s\. Nothing was changed; try again\.$/);
    // A reading needs no lock: a process stuck holding it does not hold up a `status`.
    expect(await busy.holds.get("x.fr")).toBeUndefined();
  });

  it("the lock of a killed process that had held it a while (refreshed after it signed) is taken at once", async () => {
    const dir = await tempDir();
    const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    await mkdir(join(dir, ".mailbrake.lock"));
    await writeFile(join(dir, ".mailbrake.lock.owner"), `${hostname()}/${exited}`);
    const signed = new Date(Date.now() - 5_000);
    await utimes(join(dir, ".mailbrake.lock.owner"), signed, signed);
    const store = await EmbeddedStore.open({ dataFile: join(dir, "mailbrake.json"), audit: { maxRecords: 100, maxAgeMs: 86_400_000 }, lock: { waitMs: 0 } });
    await store.holds.record("x.fr", { since: 1, exact: true });
    expect(await store.holds.get("x.fr")).toEqual({ since: 1, exact: true });
  });

  it("six processes finding one dead lock at the same moment: one takes it at a time", { timeout: 120_000 }, async () => {
    const lockModule = new URL("../../src/store/embedded/folderLock.ts", import.meta.url).pathname;
    // Each process says it is ready, waits for the word, then takes the lock. Each holder
    // creates a marker no other may have (flag wx) and keeps it a moment: two holders at once
    // make one of them fail.
    const script = `
      import { rm, writeFile } from "node:fs/promises";
      import { folderLock } from ${JSON.stringify(lockModule)};
      const dir = process.argv[1];
      const lock = folderLock(dir, { waitMs: 60_000 });
      process.stdout.write("ready\\n");
      await new Promise((resolve) => process.stdin.once("data", resolve));
      await lock.run(async () => {
        await writeFile(dir + "/inside", String(process.pid), { flag: "wx" });
        await new Promise((resolve) => setTimeout(resolve, 30));
        await rm(dir + "/inside");
      });
      process.exit(0);`;
    for (let round = 0; round < 4; round += 1) {
      const dir = await tempDir();
      await mkdir(join(dir, ".mailbrake.lock"));
      const old = new Date(Date.now() - 60_000);
      await utimes(join(dir, ".mailbrake.lock"), old, old);
      const children = Array.from({ length: 6 }, () =>
        spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, dir], { stdio: ["pipe", "pipe", "pipe"] }),
      );
      const ends = children.map((child) => {
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        return new Promise<string>((resolve) => child.on("close", (code) => resolve(code === 0 ? "ok" : `${code}: ${stderr}`)));
      });
      await Promise.all(children.map((child) => new Promise((resolve) => child.stdout.once("data", resolve))));
      for (const child of children) child.stdin.write("go\n");
      expect(await Promise.all(ends)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    }
  });

  it("an operation queued while the lock was being waited for is not refused with those that waited", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, ".mailbrake.lock"));
    await writeFile(join(dir, ".mailbrake.lock.owner"), `${hostname()}/${process.ppid}`);
    const store = await EmbeddedStore.open({ dataFile: join(dir, "mailbrake.json"), audit: { maxRecords: 100, maxAgeMs: 86_400_000 }, lock: { waitMs: 2_000 } });
    const first = store.holds.record("a.fr", { since: 1, exact: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = store.holds.record("b.fr", { since: 2, exact: true });
    await expect(first).rejects.toThrow(/The data folder is busy/);
    // The live holder lets go: the operation queued later goes through on its own wait.
    await rm(join(dir, ".mailbrake.lock.owner"));
    await rm(join(dir, ".mailbrake.lock"), { recursive: true });
    await second;
    expect(await store.holds.all()).toEqual({ "b.fr": { since: 2, exact: true } });
  });

  it("a confirmation with a bad field is refused before it is written: the file stays readable", async () => {
    const dir = await tempDir();
    const [store, next] = await openTwo(dir);
    const alice = { platform: "slack", id: "U1", name: "Alice" };
    const fields = { kind: "confirm", mutation: "block", hosting: "x.fr", args: {}, requester: alice, channel: "C1", createdAt: 1, expiresAt: 600_000 } as const;
    await expect(store.confirmations.create({ ...fields, language: "xx" } as never)).rejects.toThrow();
    await store.holds.record("y.fr", { since: 1, exact: true });
    expect(await next.confirmations.all()).toEqual([]);
    expect((await next.confirmations.create({ ...fields, language: "en" })).status).toBe("pending");
  });

  it("a finish killed between its audit line and the data file is settled from that line: one record, not two", async () => {
    const dir = await tempDir();
    const [store, next] = await openTwo(dir);
    const alice = { platform: "slack", id: "U1", name: "Alice" };
    const c = await store.confirmations.create({
      kind: "confirm", mutation: "block", hosting: "x.fr", args: {}, requester: alice, channel: "C1", language: "en", createdAt: 1, expiresAt: 10 * 60_000,
    });
    await store.confirmations.claim(c.token, { to: "executing", by: alice, place: { platform: "slack", channel: "C1" }, at: 100_000 });
    const record = { event: "executed" as const, platform: "slack", actorId: "U1", actorName: "Alice", channel: "C1", command: "block", hosting: "x.fr", outcome: "done" };
    // What the files hold after a kill right after the audit line: the line, and the action still executing.
    await store.audit.append({ ...record, event: "confirmed", outcome: "confirmed", at: 100_100, confirmation: c.token });
    await store.audit.append({ ...record, at: 100_500, confirmation: c.token });
    expect((await next.confirmations.executing()).map((x) => x.token)).toEqual([c.token]);

    // The reconciliation's finish, with its own verdict, settles it from the line already written.
    expect(await next.confirmations.finish(c.token, "unknown", { ...record, event: "unknown", outcome: "reconciled:ko" }, 200_000)).toBe("done");
    expect(await next.confirmations.executing()).toEqual([]);
    expect((await next.confirmations.all()).find((x) => x.token === c.token)?.status).toBe("done");
    const records = (await next.audit.recent(10)).filter((r) => r.confirmation === c.token);
    expect(records.map((r) => r.outcome)).toEqual(["done", "confirmed"]);
  });

  it("audit records appended at once are all kept, in order; a refused write does not stick to the next appends", async () => {
    const dir = await tempDir();
    const [store] = await openTwo(dir);
    const line = (at: number) => ({ at, event: "request", platform: "slack", actorId: "U1", actorName: "a", channel: "C1", command: "status", outcome: "answered" }) as const;
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.audit.append(line(i))));
    const text = await readFile(join(dir, "audit.jsonl"), "utf8");
    expect(text.trim().split("\n").map((l) => JSON.parse(l).at)).toEqual(Array.from({ length: 20 }, (_, i) => i));

    // Another live process holds the folder: the waiting records are refused, later ones go through.
    const other = await tempDir();
    await mkdir(join(other, ".mailbrake.lock"));
    await writeFile(join(other, ".mailbrake.lock.owner"), `${hostname()}/${process.ppid}`);
    const busy = await EmbeddedStore.open({ dataFile: join(other, "mailbrake.json"), audit: { maxRecords: 100, maxAgeMs: 86_400_000 }, lock: { waitMs: 0 } });
    const refused = [busy.audit.append(line(20)), busy.audit.append(line(21))];
    for (const append of refused) await expect(append).rejects.toThrow(/^The data folder is busy/);
    await rm(join(other, ".mailbrake.lock.owner"));
    await rm(join(other, ".mailbrake.lock"), { recursive: true });
    await busy.audit.append(line(22));
    expect((await busy.audit.recent(3)).map((r) => r.at)).toEqual([22]);
  });

  it("an old post ledger (inside the jobs' state) is read as the ledger", async () => {
    const dir = await tempDir();
    const doc = { version: 1, jobs: { ledger: { posts: { k: { status: "sent", at: 1, refs: [] } } } } };
    await writeFile(join(dir, "mailbrake.json"), JSON.stringify(doc));
    const [store] = await openTwo(dir);
    expect((await store.posts.claim("k", 2)).kind).toBe("done");
  });
});

describe("embedded store: collected errors read as a stream", () => {
  const err = (at: number, hosting: string) => ({ at, hosting, to: `u${at}@b.fr`, message: "550 no such user" });

  it("scan counts once a hosting's answer appended again after a crash, however many other errors lie between", async () => {
    const [store] = await openTwo(await tempDir());
    const answer = Array.from({ length: 100 }, (_, i) => err(1_000 + i, "a.fr"));
    const others = Array.from({ length: 3_000 }, (_, i) => err(2_000 + i, `o${i % 7}.fr`));
    const fresh = [err(1_100, "a.fr"), err(1_101, "a.fr")];
    await store.errors.appendMany(answer);
    await store.errors.appendMany(others);
    // The collector restarted before saving a.fr's cursor: the same answer again, then newer errors.
    await store.errors.appendMany([...answer, ...fresh]);
    const seen: { at: number; hosting: string }[] = [];
    await store.errors.scan(0, 10_000, undefined, (e) => seen.push(e));
    expect(seen).toEqual([...answer, ...others, ...fresh]);
    expect(seen).toEqual(await store.errors.between(0, 10_000));
  });
});
