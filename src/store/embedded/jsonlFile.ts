// An append-only JSONL file. Every call runs inside the folder lock (the caller's); appends
// cost the same whatever the size, reads of the newest records read from the end, and lines
// torn by a crash are skipped.
import { createReadStream } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { dirname } from "node:path";
import type * as z from "../../zod.ts";
import { appendLinesDurably, writeFileDurably } from "./durable.ts";

const CHUNK = 64 * 1024;

export class JsonlFile<T> {
  constructor(
    readonly path: string,
    /** A record's schema, asked for when the first line is read (built on first use). */
    private readonly schema: () => z.ZodMiniType<T>,
  ) {}

  /**
   * Appends and syncs; returns the file size after and the mean size of the lines appended.
   * A data folder removed meanwhile is made again.
   */
  async append(records: readonly T[]): Promise<{ size: number; lineBytes: number }> {
    if (records.length === 0) return { size: 0, lineBytes: 1 };
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join("");
    const size = await appendLinesDurably(this.path, text).catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      await mkdir(dirname(this.path), { recursive: true });
      return appendLinesDurably(this.path, text);
    });
    return { size, lineBytes: Buffer.byteLength(text) / records.length };
  }

  async size(): Promise<number> {
    try {
      const handle = await open(this.path, "r");
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw error;
    }
  }

  /** Every record, oldest first. */
  async readAll(): Promise<T[]> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const records: T[] = [];
    for (const line of text.split("\n")) {
      const record = this.parse(line);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  /** Every record, oldest first, handed to `visit` as the file is read a chunk at a time:
   * memory stays one chunk whatever the file's size. */
  async each(visit: (record: T) => void): Promise<void> {
    const decoder = new StringDecoder("utf8");
    let carry = "";
    try {
      for await (const chunk of createReadStream(this.path, { highWaterMark: CHUNK })) {
        const lines = (carry + decoder.write(chunk as Buffer)).split("\n");
        carry = lines.pop() ?? "";
        for (const line of lines) {
          const record = this.parse(line);
          if (record !== undefined) visit(record);
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    const last = this.parse(carry + decoder.end());
    if (last !== undefined) visit(last);
  }

  /** The oldest record, reading only the start of the file. */
  async first(): Promise<T | undefined> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, 0);
      for (const line of buffer.subarray(0, bytesRead).toString("utf8").split("\n").slice(0, -1)) {
        const record = this.parse(line);
        if (record !== undefined) return record;
      }
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** The newest records matching `keep`, newest first, at most `limit`, reading from the end. */
  async newest(limit: number, keep: (record: T) => boolean): Promise<T[]> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const found: T[] = [];
    try {
      let position = (await handle.stat()).size;
      let carry = Buffer.alloc(0);
      while (position > 0 && found.length < limit) {
        const length = Math.min(CHUNK, position);
        position -= length;
        const chunk = Buffer.alloc(length);
        await handle.read(chunk, 0, length, position);
        const joined = Buffer.concat([chunk, carry]);
        // The part before the first newline may be the end of an earlier line: keep it for later.
        const cut = position > 0 ? joined.indexOf(0x0a) : -1;
        carry = cut >= 0 ? joined.subarray(0, cut) : position > 0 ? joined : Buffer.alloc(0);
        const whole = cut >= 0 ? joined.subarray(cut + 1) : position > 0 ? Buffer.alloc(0) : joined;
        const lines = whole.toString("utf8").split("\n");
        for (let i = lines.length - 1; i >= 0 && found.length < limit; i -= 1) {
          const record = this.parse(lines[i] ?? "");
          if (record !== undefined && keep(record)) found.push(record);
        }
      }
    } finally {
      await handle.close();
    }
    return found;
  }

  /** Rewrites the file with only the records kept (atomically, through a temp file). */
  async rewrite(records: readonly T[]): Promise<void> {
    await writeFileDurably(this.path, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  }

  private parse(line: string): T | undefined {
    if (!line) return undefined;
    try {
      const parsed = this.schema().safeParse(JSON.parse(line));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined; // a line torn by a crash
    }
  }
}
