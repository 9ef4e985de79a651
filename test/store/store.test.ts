import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.ts";
import { Store } from "../../src/store/store.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const fixture = (name: string) => new URL(`../fixtures/store/${name}.json`, import.meta.url);

describe("Store", () => {
  const tempDir = useTempDir();

  async function copyOf(name: string): Promise<string> {
    const file = join(await tempDir(), "mailbrake.json");
    await copyFile(fixture(name), file);
    return file;
  }

  it("creates a new file with an empty document when none exists", async () => {
    const file = join(await tempDir(), "sub", "mailbrake.json");
    const store = await Store.open(file);
    expect(store.data.version).toBe(1);
    expect(JSON.parse(await readFile(file, "utf8")).version).toBe(1);
  });

  it("loads a valid file and keeps changes across a reopen", async () => {
    const file = await copyOf("valid");
    const store = await Store.open(file);
    expect(store.data.holds["example.com"]).toEqual({ since: 1764000000000, exact: true });
    store.data.holds["other.fr"] = { since: 5, exact: false };
    await store.save();
    const again = await Store.open(file);
    expect(again.data.holds["other.fr"]).toEqual({ since: 5, exact: false });
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
    const opening = Store.open(file);
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toThrow(message);
    await expect(opening).rejects.toThrow(file);
    expect(await readFile(file)).toEqual(before);
  });

  it("writes atomically: the file is always complete JSON after concurrent saves", async () => {
    const file = join(await tempDir(), "mailbrake.json");
    const store = await Store.open(file);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        store.data.holds[`h${i}.fr`] = { since: i, exact: true };
        return store.save();
      }),
    );
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(saved.holds)).toHaveLength(20);
  });

  it("refuses a file it cannot read as a file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "x"), "");
    await expect(Store.open(dir)).rejects.toThrow(/cannot be read/);
  });
});
