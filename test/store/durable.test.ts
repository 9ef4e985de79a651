// A data file's version is known by its inode, mtime and size (fileIdentity.ts): every
// replacement must move the mtime forward, or a freed inode coming back with the same size
// within one tick of the kernel's file clock would pass for the version a process has cached.
import { statSync } from "node:fs";
import { utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileDurably } from "../../src/store/embedded/durable.ts";
import { currentIdentity } from "../../src/store/embedded/fileIdentity.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const tempDir = useTempDir();
const mtimeNs = (file: string) => statSync(file, { bigint: true }).mtimeNs;

describe("writeFileDurably", () => {
  it("gives the new version an mtime after the replaced one's, even one ahead of the clock", async () => {
    const file = join(await tempDir(), "mailbrake.json");
    await writeFile(file, '{"v":1}');
    const inAnHour = new Date(Date.now() + 3_600_000);
    await utimes(file, inAnHour, inAnHour);
    const before = mtimeNs(file);
    await writeFileDurably(file, '{"v":2}');
    expect(mtimeNs(file)).toBeGreaterThan(before);
  });

  it("versions of the same size written in a quick row each have an identity of their own", async () => {
    const file = join(await tempDir(), "mailbrake.json");
    const mtimes: bigint[] = [];
    const identities = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) {
      await writeFileDurably(file, `{"v":${i}}`);
      mtimes.push(mtimeNs(file));
      identities.add(currentIdentity(file));
    }
    expect(identities.size).toBe(5);
    for (let i = 1; i < mtimes.length; i++) expect(mtimes[i]).toBeGreaterThan(mtimes[i - 1] ?? 0n);
  });

  it("a first version gets the clock's time", async () => {
    const file = join(await tempDir(), "new.json");
    const before = BigInt(Date.now() - 1) * 1_000_000n;
    await writeFileDurably(file, "{}");
    expect(mtimeNs(file)).toBeGreaterThanOrEqual(before);
  });
});
