// File writes that survive a kill or a power cut at any moment: a whole file is written to a
// temporary name of its own (never shared by two processes), synced, renamed over the old one,
// and the folder synced; a line is appended on a fresh line (after a line torn by a crash)
// and synced before the operation returns. Synchronous calls, inside the folder lock: each is
// microseconds (a sync is a fraction of a millisecond here), cheaper than trips through the
// thread pool, and nothing else of this process touches these files meanwhile.
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` with `text` atomically and durably. */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/** Appends lines (each ending with "\n"), starting on a fresh line, and syncs them; returns the new size. */
export async function appendLinesDurably(file: string, lines: string): Promise<number> {
  const fd = openSync(file, "a+");
  let size: number;
  let text = lines;
  try {
    size = fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = `\n${lines}`; // a line torn by a crash stays alone on its line
    }
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (size === 0) syncFolder(dirname(file));
  return size + Buffer.byteLength(text);
}
