// The terminal cannot show a picture: attachments (report charts) are saved as files and
// their paths printed under the reply.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Reply } from "../../src/core/reply.ts";

/** Saves the reply's attachments in `dir`; returns the paths written. */
export async function saveAttachments(reply: Reply, dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const attachment of reply.attachments ?? []) {
    const path = join(dir, attachment.filename);
    await writeFile(path, attachment.data);
    paths.push(path);
  }
  return paths;
}

export const pathLines = (paths: string[]): string => paths.map((path) => `\n  → ${path}`).join("");
