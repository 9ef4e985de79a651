// The sandbox's state file: read and validated on open, written atomically by lowdb's
// JSONFile (temp file + rename). A file that cannot be read is never overwritten.
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { JSONFile } from "lowdb/node";
import { type SandboxState, STATE_VERSION, sandboxStateSchema } from "./schema.ts";

export class SandboxStateError extends Error {
  override readonly name = "SandboxStateError";
}

/** The saved state, or null when the file does not exist. */
export async function readStateFile(file: string): Promise<SandboxState | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new SandboxStateError(
      `Sandbox state file ${file} cannot be read: ${(error as Error).message}`,
    );
  }
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
  const parsed = sandboxStateSchema.safeParse(raw);
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
  private readonly adapter: JSONFile<SandboxState>;
  private dirReady = false;

  constructor(readonly path: string) {
    this.adapter = new JSONFile<SandboxState>(path);
  }

  async write(state: SandboxState): Promise<void> {
    if (!this.dirReady) {
      await mkdir(dirname(this.path), { recursive: true });
      this.dirReady = true;
    }
    // JSONFile serialises synchronously, so later mutations do not leak into this write.
    await this.adapter.write(state);
  }
}
