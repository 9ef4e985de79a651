// The sandbox's state file: read and validated on open, written atomically through a temp
// name of its own and synced, under the data folder's lock (several processes share it: a
// change another process saved is read before each step). A file that cannot be read is never
// overwritten. Other processes only replace it whole (a rename), so it can be read without the
// lock; its text and the identity it is known by come from one descriptor, so they match.
import { open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileDurably } from "../../store/embedded/durable.ts";
import { currentIdentity, identityOf } from "../../store/embedded/fileIdentity.ts";
import { type FolderLock, folderLock } from "../../store/embedded/folderLock.ts";
import { type SandboxState, STATE_VERSION, sandboxStateSchema } from "./schema.ts";

export class SandboxStateError extends Error {
  override readonly name = "SandboxStateError";
}

const cannotRead = (file: string, error: unknown) =>
  new SandboxStateError(`Sandbox state file ${file} cannot be read: ${(error as Error).message}`);

/** The saved state, or null when the file does not exist. */
export async function readStateFile(file: string): Promise<SandboxState | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw cannotRead(file, error);
  }
  return parseState(file, text);
}

/** The state in `text` (the content of `file`), checked; a SandboxStateError naming the file if not. */
function parseState(file: string, text: string): SandboxState {
  const untouched =
    "The file was left untouched: fix it, or move it away to start a fresh sandbox.";
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const what = text.trim() === "" ? "it is empty" : (error as Error).message;
    throw new SandboxStateError(
      `Sandbox state file ${file} is not valid JSON (${what}). ${untouched}`,
    );
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version !== STATE_VERSION) {
    throw new SandboxStateError(
      `Sandbox state file ${file} has format ${version}; this mailbrake reads format ${STATE_VERSION}. ${untouched}`,
    );
  }
  // Read once per change of the file: compiling zod's fast path for it would cost more than it saves.
  const parsed = sandboxStateSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new SandboxStateError(
      `Sandbox state file ${file} is invalid (${problems}). ${untouched}`,
    );
  }
  const names = new Set<string>();
  for (const hosting of parsed.data.hostings) {
    if (names.has(hosting.name)) {
      throw new SandboxStateError(
        `Sandbox state file ${file} is invalid (hosting ${hosting.name} appears twice). ${untouched}`,
      );
    }
    names.add(hosting.name);
  }
  return parsed.data;
}

export class StateFile {
  private readonly lock: FolderLock;
  /** The file as last read or written by this process. */
  private identity: string | undefined;

  constructor(readonly path: string) {
    this.lock = folderLock(dirname(path));
  }

  /** Runs `work` under the data folder's lock (shared with the store). */
  locked<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(work);
  }

  /** Runs `work` reading the state file only: in turn, without the folder's lock. */
  reading<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.read(work);
  }

  /** The saved state (null when there is none), remembered as the version this process has. */
  async read(): Promise<SandboxState | null> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw cannotRead(this.path, error);
    }
    let text: string;
    let identity: string;
    try {
      identity = identityOf(await handle.stat({ bigint: true }));
      text = await handle.readFile("utf8");
    } catch (error) {
      throw cannotRead(this.path, error);
    } finally {
      await handle.close();
    }
    const state = parseState(this.path, text);
    this.identity = identity;
    return state;
  }

  /** In this process's turn: the saved state if another process replaced the file since. */
  async readIfChanged(): Promise<SandboxState | null> {
    const now = identityNow(this.path);
    if (now === undefined || now === this.identity) return null;
    return this.read();
  }

  /** Inside the lock: written through a temp name of its own, synced. */
  async write(state: SandboxState): Promise<void> {
    try {
      await writeFileDurably(this.path, JSON.stringify(state, null, 2));
    } catch (error) {
      // The state in memory holds what the file does not: it is read from the file next time.
      this.identity = undefined;
      throw error;
    }
    this.identity = identityNow(this.path);
  }
}

function identityNow(file: string): string | undefined {
  try {
    return currentIdentity(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
}
