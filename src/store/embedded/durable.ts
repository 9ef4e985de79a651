// File writes that survive a kill or a power cut at any moment: a whole file is written to a
// temporary name of its own (never shared by two processes), synced, renamed over the old one,
// and the folder synced; a line is appended on a fresh line (after a line torn by a crash)
// and synced before the operation returns.
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` with `text` atomically and durably. */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Appends lines (each ending with "\n"), starting on a fresh line, and syncs them; returns the new size. */
export async function appendLinesDurably(file: string, lines: string): Promise<number> {
  const handle = await open(file, "a+");
  let created = false;
  let after = 0;
  try {
    const { size } = await handle.stat();
    created = size === 0;
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = "\n"; // a line torn by a crash stays alone on its line
    }
    const text = prefix + lines;
    await handle.write(text);
    await handle.sync();
    after = size + Buffer.byteLength(text);
  } finally {
    await handle.close();
  }
  if (created) await syncFolder(dirname(file));
  return after;
}
