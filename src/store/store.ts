// The lowdb file: validated on load, written atomically (lowdb's writer renames a temp
// file), never reset or overwritten when it cannot be read.
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import { StoreError } from "../errors.ts";
import { documentSchema, emptyDocument, STORE_VERSION, type StoreDocument } from "./schema.ts";

export class Store {
  private constructor(private readonly db: Low<StoreDocument>) {}

  static async open(file: string): Promise<Store> {
    const data = await readDocument(file);
    await mkdir(dirname(file), { recursive: true });
    const db = new Low<StoreDocument>(new JSONFile<StoreDocument>(file), data);
    const store = new Store(db);
    await store.save();
    return store;
  }

  /** In-memory state; mutate it, then `save()`. */
  get data(): StoreDocument {
    return this.db.data;
  }

  async save(): Promise<void> {
    await this.db.write();
  }
}

async function readDocument(file: string): Promise<StoreDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyDocument();
    throw new StoreError(`Data file ${file} cannot be read: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const what = text.trim() === "" ? "it is empty" : (error as Error).message;
    throw new StoreError(
      `Data file ${file} is not valid JSON (${what}). It was left untouched: restore it from a backup, or move it away to start with an empty one.`,
    );
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > STORE_VERSION) {
    throw new StoreError(
      `Data file ${file} was written by a newer mailbrake (format ${version}; this one reads format ${STORE_VERSION}). Upgrade mailbrake; the file was left untouched.`,
    );
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new StoreError(
      `Data file ${file} does not have the expected shape (${problems}). It was left untouched.`,
    );
  }
  return parsed.data;
}
