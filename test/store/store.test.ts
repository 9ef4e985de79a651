import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.ts";
import { EmbeddedStore } from "../../src/store/embedded/embeddedStore.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const fixture = (name: string) => new URL(`../fixtures/store/${name}.json`, import.meta.url);
const DAY = 86_400_000;
const open = (dataFile: string, maxRecords = 1000) => EmbeddedStore.open({ dataFile, audit: { maxRecords, maxAgeMs: DAY } });

describe("embedded store: the data file", () => {
  const tempDir = useTempDir();

  async function copyOf(name: string): Promise<string> {
    const file = join(await tempDir(), "mailbrake.json");
    await copyFile(fixture(name), file);
    return file;
  }

  it("creates the folder; the file is written with the first change", async () => {
    const file = join(await tempDir(), "sub", "mailbrake.json");
    const store = await open(file);
    await store.holds.record("x.fr", { since: 1, exact: true });
    expect(JSON.parse(await readFile(file, "utf8")).version).toBe(1);
  });

  it("loads a valid file and keeps changes across a reopen", async () => {
    const file = await copyOf("valid");
    const store = await open(file);
    expect(await store.holds.get("example.com")).toEqual({ since: 1764000000000, exact: true });
    await store.holds.record("other.fr", { since: 5, exact: false });
    const again = await open(file);
    expect(await again.holds.get("other.fr")).toEqual({ since: 5, exact: false });
  });

  it.each([
    ["truncated", /not valid JSON/],
    ["empty", /not valid JSON \(it is empty\)/],
    ["malformed", /not valid JSON/],
    ["newer", /newer mailbrake \(format 2/],
    ["evil", /does not have the expected shape \(holds\.example\.com\.since/],
  ])("refuses a %s file, names it, and leaves it untouched", async (name, message) => {
    const file = await copyOf(name);
    const before = await readFile(file);
    const opening = open(file);
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toThrow(message);
    await expect(opening).rejects.toThrow(file);
    expect(await readFile(file)).toEqual(before);
  });

  it("writes atomically: the file is always complete JSON after concurrent changes", async () => {
    const file = join(await tempDir(), "mailbrake.json");
    const store = await open(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.holds.record(`h${i}.fr`, { since: i, exact: true })));
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(saved.holds)).toHaveLength(20);
  });

  it("refuses a file it cannot read as a file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "x"), "");
    await expect(open(dir)).rejects.toThrow(/cannot be read/);
  });
});

describe("embedded store: audit retention", () => {
  const tempDir = useTempDir();
  const record = (at: number, n: number) =>
    ({ at, event: "request", platform: "console", actorId: "u", actorName: "u", channel: "t", command: "status", outcome: `n${n}` }) as const;

  it("never keeps more than 110 % of the count bound, and keeps the newest", async () => {
    const dir = await tempDir();
    const store = await open(join(dir, "mailbrake.json"), 100);
    for (let n = 0; n < 500; n++) {
      await store.audit.append(record(1000, n));
      const lines = (await readFile(join(dir, "audit.jsonl"), "utf8")).trim().split("\n");
      expect(lines.length).toBeLessThanOrEqual(110);
    }
    const all = await store.audit.recent(1000);
    expect(all[0]?.outcome).toBe("n499");
    expect(Number(all.at(-1)?.outcome.slice(1))).toBeGreaterThan(380);
  });

  it("drops records older than the age bound when pruned", async () => {
    const dir = await tempDir();
    const store = await open(join(dir, "mailbrake.json"));
    await store.audit.append(record(0, 1));
    await store.audit.append(record(2 * DAY, 2));
    expect(await store.audit.prune(2 * DAY)).toBe(1);
    expect((await store.audit.recent(10)).map((r) => r.outcome)).toEqual(["n2"]);
  });
});
