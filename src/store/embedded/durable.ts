// File writes that survive a kill or a power cut at any moment: a whole file is written to a
// temporary name of its own (never shared by two processes), synced, renamed over the old one,
// and the folder synced; a line is appended on a fresh line (after a line torn by a crash)
// and synced before the operation returns. Asynchronous calls, inside the folder lock: a sync
// on a busy disk can take tens of milliseconds, and it must hold up only the operation that
// waits for it, never the event loop (Slack's acknowledgements, Discord's gateway). The one
// synchronous call is a stat, which the kernel answers from its inode cache.
import { statSync } from "node:fs";
import { randomText } from "../../random.ts";
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

/**
 * A modification time at least 1 ms after `file`'s, and not before now. Readers know which
 * version of a data file they have by its inode, mtime and size (fileIdentity.ts); an inode
 * freed by one replacement can come back in the next with the same size, and the kernel's file
 * clock moves in ticks of several milliseconds. Replacements are made inside the lock, so each
 * one's mtime is later than all before it, and no two versions share an identity. (Rounded up
 * first: a time set through utimes, seconds as a double, can come back a microsecond short.)
 */
function mtimeAfter(file: string): Date {
  const previous = statSync(file, { bigint: true, throwIfNoEntry: false });
  const earliest = previous ? Math.ceil(Number(previous.mtimeNs) / 1e6) + 1 : 0;
  return new Date(Math.max(Date.now(), earliest));
}

/** Replaces `file` with `text` atomically and durably (its mtime later than the replaced one's). */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${process.pid}.${randomText(6, "hex")}.tmp`);
  try {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(text);
      const mtime = mtimeAfter(file);
      await handle.utimes(mtime, mtime);
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
  let size: number;
  let text = lines;
  try {
    size = (await handle.stat()).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = `\n${lines}`; // a line torn by a crash stays alone on its line
    }
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (size === 0) await syncFolder(dirname(file));
  return size + Buffer.byteLength(text);
}
