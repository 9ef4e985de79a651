// The lowdb document of the embedded store: validated on load, re-read whenever another
// process replaced the file, written through a temporary name of its own and synced. A file
// that cannot be read stops the process with a message naming it and is never overwritten.
// Other processes only ever replace the file whole (a rename): a read needs no lock, and the
// text and the identity it is cached under come from one descriptor, so they always match.
import { open, readFile } from "node:fs/promises";
import { Low } from "lowdb";
import { StoreError } from "../../errors.ts";
import { emptyDocument, STORE_VERSION, type StoreDocument, storeSchemas } from "../schema.ts";
import { writeFileDurably } from "./durable.ts";
import { currentIdentity, identityOf } from "./fileIdentity.ts";

/** lowdb's adapter: lowdb's own JSONFile shares one temp name between processes and never syncs. */
class DurableJsonFile {
  constructor(private readonly file: string) {}
  async read(): Promise<StoreDocument | null> {
    return readDocument(this.file);
  }
  async write(data: StoreDocument): Promise<void> {
    await writeFileDurably(this.file, JSON.stringify(data, null, 2));
  }
}

type Identity = string | undefined;

function cannotRead(file: string, error: unknown): StoreError {
  return new StoreError(`Data file ${file} cannot be read: ${(error as Error).message}`);
}

function identity(file: string): Identity {
  try {
    return currentIdentity(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
}

/** The file's text and its identity, through one descriptor; undefined when there is no file. */
async function readWithIdentity(file: string): Promise<{ text: string; identity: string } | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw cannotRead(file, error);
  }
  try {
    return { identity: identityOf(await handle.stat({ bigint: true })), text: await handle.readFile("utf8") };
  } catch (error) {
    throw cannotRead(file, error);
  } finally {
    await handle.close();
  }
}

export class DocumentFile {
  private readonly db: Low<StoreDocument>;
  private seen: Identity | null = null;
  private looking: Promise<StoreDocument> | undefined;

  constructor(readonly path: string) {
    this.db = new Low<StoreDocument>(new DurableJsonFile(path), emptyDocument());
  }

  /**
   * The current document, re-read (and checked) only if another process replaced the file.
   * Inside the lock for a change; in this process's turn for a read.
   */
  current(): Promise<StoreDocument> {
    // Reads asked together (the lock runs a batch of them at once) share one look at the file.
    this.looking ??= this.look().finally(() => {
      this.looking = undefined;
    });
    return this.looking;
  }

  private async look(): Promise<StoreDocument> {
    if (this.seen !== null && identity(this.path) === this.seen) return this.db.data;
    const read = await readWithIdentity(this.path);
    if (read) this.db.data = parseDocument(this.path, read.text);
    this.seen = read?.identity;
    return this.db.data;
  }

  /** Writes the document (inside the lock, after `current()`). */
  async write(): Promise<void> {
    try {
      await this.db.write();
    } catch (error) {
      this.forget();
      throw error;
    }
    this.seen = identity(this.path);
  }

  /**
   * Forgets the document in memory, which a failed change (a full disk, an error half-way) may
   * have left holding what the file does not: the next `current()` reads the file again.
   */
  forget(): void {
    this.seen = null;
  }
}

export async function readDocument(file: string): Promise<StoreDocument | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw cannotRead(file, error);
  }
  return parseDocument(file, text);
}

/** The document in `text` (the content of `file`), checked; a StoreError naming the file if not. */
function parseDocument(file: string, text: string): StoreDocument {
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
  const parsed = storeSchemas().documentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new StoreError(
      `Data file ${file} does not have the expected shape (${problems}). It was left untouched.`,
    );
  }
  return moveOldLedger(parsed.data);
}

/** Before the port, the post ledger lived in the jobs' slice (`jobs.ledger.posts`). */
function moveOldLedger(doc: StoreDocument): StoreDocument {
  const old = (doc.jobs.ledger as { posts?: unknown } | undefined)?.posts;
  if (old && typeof old === "object") {
    const parsed = storeSchemas().documentSchema.shape.posts.safeParse(old);
    if (parsed.success) doc.posts = { ...parsed.data, ...doc.posts };
    delete doc.jobs.ledger;
  }
  return doc;
}
