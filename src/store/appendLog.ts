// An append-only JSONL file with bounded retention (by age and count). Appending is O(1)
// whatever the size; compaction rewrites the file atomically once it grows 10 % past the bound.
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Clock } from "../clock.ts";

export interface Retention {
  maxRecords: number;
  maxAgeMs: number;
}

export class AppendLog<T extends { at: number }> {
  private count = 0;
  private compacting: Promise<void> | undefined;

  private constructor(
    private readonly file: string,
    private readonly retention: Retention,
    private readonly clock: Clock,
  ) {}

  static async open<T extends { at: number }>(
    file: string,
    retention: Retention,
    clock: Clock,
  ): Promise<AppendLog<T>> {
    await mkdir(dirname(file), { recursive: true });
    const log = new AppendLog<T>(file, retention, clock);
    await log.compact();
    return log;
  }

  get size(): number {
    return this.count;
  }

  async append(record: T): Promise<void> {
    await this.compacting;
    await appendFile(this.file, `${JSON.stringify(record)}\n`);
    this.count += 1;
    if (this.count > this.retention.maxRecords * 1.1) {
      this.compacting = this.compact();
      await this.compacting;
    }
  }

  /** All kept records, oldest first. Lines torn by a crash are skipped. */
  async readAll(): Promise<T[]> {
    await this.compacting;
    return this.readRecords();
  }

  private async readRecords(): Promise<T[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const records: T[] = [];
    for (const line of text.split("\n")) {
      if (!line) continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // A partial last line after a crash: drop it.
      }
    }
    return records;
  }

  /** Drops records past the age or count bound; rewrites through a temp file and rename. */
  async compact(): Promise<void> {
    const oldest = this.clock.now() - this.retention.maxAgeMs;
    const all = await this.readRecords();
    const kept = all.filter((r) => r.at >= oldest).slice(-this.retention.maxRecords);
    if (kept.length !== all.length) {
      const temp = `${this.file}.tmp`;
      await writeFile(temp, kept.map((r) => `${JSON.stringify(r)}\n`).join(""));
      await rename(temp, this.file);
    }
    this.count = kept.length;
  }
}
