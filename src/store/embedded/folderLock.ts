// One inter-process lock per data folder: an atomic mkdir (proper-lockfile) whose mtime the
// holder keeps fresh, signed with the holder's `host/pid`. A lock left by a killed process is
// taken over by one process at a time, under a second lock, and only once it is known dead:
// its process is gone (same machine), or unsigned and not refreshed for `staleMs` (another
// machine, or a kill between the mkdir and the signature). In front of it, one queue per
// folder in this process: operations run one at a time, and one hold of the lock serves every
// operation waiting (and those queued meanwhile, for a bounded time), so a burst of operations
// pays for one lock, not one each; each returns once the lock is freed. Every file call is
// asynchronous: a busy disk delays the operation, never the event loop that answers Slack and
// Discord. A read of files that are only ever replaced whole (a rename) runs in turn without
// the lock: it shows the version before another process's change or the one after, never half,
// and a process stuck holding the lock does not hold up a `status`.
import { mkdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import lockfile from "proper-lockfile";
import { StoreError } from "../../errors.ts";

export interface LockOptions {
  /** An unsigned lock (or another machine's) not refreshed for this long is taken over. */
  staleMs?: number;
  /** How long to wait for the lock before giving up with one clear line. */
  waitMs?: number;
}

const DEFAULT_STALE_MS = 3_000;
/** How often a holder refreshes its lock's mtime. */
const REFRESH_MS = 1_000;
/**
 * proper-lockfile's own take-over of an aged lock is never used: it is a stat, an rmdir and a
 * mkdir with nothing between processes, so two of them could both take one stale lock. Every
 * take-over goes through `recoverDeadLock`.
 */
const NEVER_STALE_MS = 1e12;
const DEFAULT_WAIT_MS = 30_000;
/** One hold serves queued operations for at most this long, then lets other processes in. */
const MAX_HOLD_MS = 100;

interface Turn {
  /** Only reads files replaced whole: needs no lock. */
  read: boolean;
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class FolderLock {
  private readonly waiting: Turn[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private readonly staleMs: number;
  private readonly waitMs: number;

  /** The lock is the folder `<target>.lock`. */
  constructor(
    private readonly target: string,
    options: LockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  }

  /** Runs `work` holding the lock; operations never nest. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.queue(work, false);
  }

  /**
   * Runs `work` in turn (after this process's changes queued before it), for reads of files that
   * other processes only ever replace whole (a rename), which show one version or the next,
   * never half: without the lock, so it never waits for another process.
   */
  read<T>(work: () => Promise<T>): Promise<T> {
    return this.queue(work, true);
  }

  /** Settles once every operation of this process queued so far has. */
  async idle(): Promise<void> {
    await this.drained;
  }

  private queue<T>(work: () => Promise<T>, read: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ read, work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) this.drained = this.drain();
    });
  }

  /** Takes the lock while operations wait, and runs them one after the other in each hold. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      // Operations asked in the same turn (a command's reads, asked together) join one batch.
      await Promise.resolve();
      while (this.waiting.length > 0) {
        const next = this.waiting[0] as Turn;
        if (next.read) {
          // One look serves every read waiting in a row (a command's reads are asked together);
          // they run at once, since none changes anything.
          const reads = this.waiting.findIndex((turn) => !turn.read);
          const batch = this.waiting.splice(0, reads === -1 ? this.waiting.length : reads);
          await Promise.all(batch.map((turn) => turn.work().then(turn.resolve, turn.reject)));
          continue;
        }
        let release: () => Promise<void>;
        const asked = this.waiting.length;
        try {
          release = await this.acquire();
        } catch (error) {
          // The operations that waited as long are refused with the same line; those queued
          // meanwhile try again.
          for (const turn of this.waiting.splice(0, asked)) turn.reject(error);
          continue;
        }
        const started = Date.now();
        const settled: (() => void)[] = [];
        try {
          while (this.waiting.length > 0 && Date.now() - started < MAX_HOLD_MS) {
            const turn = this.waiting.shift() as Turn;
            try {
              const value = await turn.work();
              settled.push(() => turn.resolve(value));
            } catch (error) {
              settled.push(() => turn.reject(error));
            }
          }
        } finally {
          await release().catch(() => undefined);
        }
        // An operation returns once the lock is free again (a one-shot command may exit then).
        for (const settle of settled) settle();
      }
    } finally {
      this.draining = false;
    }
  }

  private async acquire(): Promise<() => Promise<void>> {
    const started = Date.now();
    let delay = 2;
    let madeFolder = false;
    for (;;) {
      try {
        const release = await lockfile.lock(this.target, {
          realpath: false,
          stale: NEVER_STALE_MS,
          update: REFRESH_MS,
          retries: 0,
          // Losing the lock (frozen for longer than `stale`) is logged by the next write's
          // outcome, not by crashing the process from a timer.
          onCompromised: () => undefined,
        });
        try {
          await writeFile(this.ownerFile, OWNER);
        } catch {
          // Unsigned, the lock is still a lock: it only ages out instead of being taken early.
        }
        return async () => {
          // The owner goes first: a lock seen without one is left to age (never taken early).
          // The lock is released even if the owner file cannot be removed.
          await unlink(this.ownerFile).catch(() => undefined);
          await release();
        };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" && !madeFolder) {
          madeFolder = true;
          await mkdir(dirname(this.target), { recursive: true });
          continue;
        }
        if (code !== "ELOCKED") {
          throw new StoreError(`Cannot lock the data folder (${this.target}.lock): ${(error as Error).message}`);
        }
        if (await this.recoverDeadLock()) continue;
        const waited = Date.now() - started;
        if (waited >= this.waitMs) {
          throw new StoreError(
            `The data folder is busy: another mailbrake process has held ${this.target}.lock for over ${Math.round(waited / 1000)} s. Nothing was changed; try again.`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(100, delay * 2);
      }
    }
  }

  private get ownerFile(): string {
    return `${this.target}.lock.owner`;
  }

  /**
   * Removes the lock of a holder known to be dead, under a second lock and checked again there,
   * so that two processes never both take it (nor remove one a third has just taken). The
   * holder's `host/pid` says at once whether a process of this machine died; a lock without it
   * (or another machine's) is dead once not refreshed for `staleMs`.
   */
  private async recoverDeadLock(): Promise<boolean> {
    if (!(await this.lockIsDead())) return false;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(`${this.target}.recover`, { realpath: false, stale: this.staleMs, retries: 0, onCompromised: () => undefined });
    } catch {
      return false;
    }
    try {
      if (!(await this.lockIsDead())) return false;
      await rm(this.ownerFile, { force: true });
      await rm(`${this.target}.lock`, { recursive: true, force: true });
      return true;
    } finally {
      await release().catch(() => undefined);
    }
  }

  private async lockIsDead(): Promise<boolean> {
    const lock = await stat(`${this.target}.lock`).catch(() => undefined);
    if (!lock) return false;
    const owner = ownerOf(await readFile(this.ownerFile, "utf8").catch(() => ""));
    // This process never waits for a lock it holds: its own pid names an earlier process that
    // had it (a restarted container's pid 1).
    if (owner && (owner.pid === process.pid || !processRuns(owner.pid))) return true;
    // Unsigned or another machine's lock, or its pid taken by another process since (after a
    // reboot): dead once not refreshed for long; a signed one is given far longer, since its
    // holder may only be frozen for a while.
    return Date.now() - lock.mtimeMs > (owner ? this.staleMs * 10 : this.staleMs);
  }
}

const OWNER = `${hostname()}/${process.pid}`;

/** The holder named by an owner file, when it is a process of this machine. */
function ownerOf(text: string): { pid: number } | undefined {
  const [host, pidText] = text.split("/");
  const pid = Number(pidText);
  return host === hostname() && Number.isInteger(pid) && pid > 0 ? { pid } : undefined;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

const locks = new Map<string, FolderLock>();

/** The one lock of a data folder in this process (the store and the sandbox share it). */
export function folderLock(folder: string, options?: LockOptions): FolderLock {
  const target = join(resolve(folder), ".mailbrake");
  let lock = locks.get(target);
  if (!lock) {
    lock = new FolderLock(target, options);
    locks.set(target, lock);
  }
  return lock;
}
