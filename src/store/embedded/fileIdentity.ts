// Which version of a data file this process has: its inode, modification time (ns) and size.
// Other processes only ever replace such a file whole (a rename), each time with a later mtime
// (durable.ts), so the same identity means the same text. It is looked at before each batch of
// reads, so the stat is synchronous: the kernel answers it from its inode cache in
// microseconds, where an asynchronous one costs a round trip through libuv's thread pool
// (about 0.1 ms of CPU on a small VM) for every command.
import { type BigIntStats, statSync } from "node:fs";

export const identityOf = (stats: Pick<BigIntStats, "ino" | "mtimeNs" | "size">): string =>
  `${stats.ino}:${stats.mtimeNs}:${stats.size}`;

/** The file's identity now; undefined when there is no file. Other errors are thrown. */
export function currentIdentity(file: string): string | undefined {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats && identityOf(stats);
}
