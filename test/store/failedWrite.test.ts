// A write of the data file that fails (a full disk) changes nothing: the process does not go on
// trusting the change it kept in memory, and the file holds what it held.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EmbeddedStore } from "../../src/store/embedded/embeddedStore.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const disk = vi.hoisted(() => ({ full: false }));
vi.mock("../../src/store/embedded/durable.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/store/embedded/durable.ts")>();
  return {
    ...real,
    writeFileDurably: async (file: string, text: string) => {
      if (disk.full) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      return real.writeFileDurably(file, text);
    },
  };
});

const tempDir = useTempDir();
const alice = { platform: "slack", id: "U1", name: "Alice" };
const place = { platform: "slack", channel: "C1" };

describe("a failed write of the data file", () => {
  it("a claim that could not be written is not taken as made: the next click claims it", async () => {
    const dir = await tempDir();
    const store = await EmbeddedStore.open({ dataFile: join(dir, "mailbrake.json"), audit: { maxRecords: 100, maxAgeMs: 86_400_000 } });
    const c = await store.confirmations.create({
      kind: "confirm", mutation: "block", hosting: "x.fr", args: {}, requester: alice, channel: "C1", language: "en", createdAt: 1, expiresAt: 10 * 60_000,
    });
    disk.full = true;
    await expect(store.confirmations.claim(c.token, { to: "executing", by: alice, place, at: 1_000 })).rejects.toThrow(/ENOSPC/);
    disk.full = false;
    expect((await store.confirmations.get(c.token))?.status).toBe("pending");
    // An unrelated change writes the document: the failed claim is not in it.
    await store.holds.record("y.fr", { since: 1, exact: true });
    expect(JSON.parse(await readFile(join(dir, "mailbrake.json"), "utf8")).confirmations[c.token].status).toBe("pending");
    expect((await store.confirmations.claim(c.token, { to: "executing", by: alice, place, at: 2_000 })).kind).toBe("claimed");
  });
});
