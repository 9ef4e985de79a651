// One inter-process lock per data folder (proper-lockfile: an atomic mkdir whose mtime the
// holder keeps fresh, so the lock of a killed process goes stale and is taken over). In front
// of it, one queue per folder in this process: operations run one at a time, and one hold of
// the lock serves every operation waiting (and those queued meanwhile, for a bounded time), so
// a burst of operations pays for one lock, not one each; each returns once the lock is freed. Every file call is asynchronous: a
// busy disk (a sync or a directory change can take tens of milliseconds) delays the
// operation, never the event loop that answers Slack and Discord. A read of files that are only
// ever replaced whole (a rename) runs in turn without the lock while no other process holds it.
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import lockfile from "proper-lockfile";
import { StoreError } from "../../errors.ts";

export interface LockOptions {
  /** A lock not refreshed for this long belongs to a dead process and is taken over. */
  staleMs?: number;
  /** How long to wait for the lock before giving up with one clear line. */
  waitMs?: number;
}

const DEFAULT_STALE_MS = 3_000;
const DEFAULT_WAIT_MS = 30_000;
/** One hold serves queued operations for at most this long, then lets other processes in. */
const MAX_HOLD_MS = 100;

interface Turn {
  /** Only reads files replaced whole: needs the lock only while another process holds it. */
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
   * Runs `work` in turn, for reads of files that other processes only ever replace whole (a
   * rename), which show one version or the next, never half: without taking the lock when no
   * process holds it, else waiting for it as a change does (and seeing the change once made).
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

  private async heldElsewhere(): Promise<boolean> {
    return stat(`${this.target}.lock`).then(
      () => true,
      () => false,
    );
  }

  /** Takes the lock while operations wait, and runs them one after the other in each hold. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const next = this.waiting[0] as Turn;
        if (next.read && !(await this.heldElsewhere())) {
          this.waiting.shift();
          await next.work().then(next.resolve, next.reject);
          continue;
        }
        let release: () => Promise<void>;
        try {
          release = await this.acquire();
        } catch (error) {
          // Every operation waiting waited as long: each is refused with the same line.
          for (const turn of this.waiting.splice(0)) turn.reject(error);
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
          stale: this.staleMs,
          update: Math.max(1_000, Math.floor(this.staleMs / 4)),
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
          await rm(this.ownerFile, { force: true });
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
        if (await this.recoverFromDeadOwner()) continue;
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
   * proper-lockfile takes a lock over only once it has aged (`stale`): a process killed while
   * holding it would stall every other one that long. The holder's `host/pid` beside the lock
   * lets the next process see at once that it died, and remove the lock under a second lock
   * (so two recoverers never remove a lock a third process has just taken).
   */
  private async recoverFromDeadOwner(): Promise<boolean> {
    if (!ownerIsDead(await readFile(this.ownerFile, "utf8").catch(() => ""))) return false;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(`${this.target}.recover`, { realpath: false, stale: this.staleMs, retries: 0, onCompromised: () => undefined });
    } catch {
      return false;
    }
    try {
      // Checked again under the recovery lock: the lock may have changed hands meanwhile. A lock
      // made after its owner file was written is a newer holder's that has not signed yet.
      if (!ownerIsDead(await readFile(this.ownerFile, "utf8").catch(() => ""))) return false;
      const [lockStat, ownerStat] = await Promise.all([stat(`${this.target}.lock`, { bigint: true }), stat(this.ownerFile, { bigint: true })]).catch(() => []);
      if (!lockStat || !ownerStat || lockStat.mtimeNs > ownerStat.mtimeNs) return false;
      await rm(this.ownerFile, { force: true });
      await rm(`${this.target}.lock`, { recursive: true, force: true });
      return true;
    } finally {
      await release().catch(() => undefined);
    }
  }
}

const OWNER = `${hostname()}/${process.pid}`;

/** Whether `owner` (`host/pid`) names a process of this machine that no longer runs. */
function ownerIsDead(owner: string): boolean {
  const [host, pidText] = owner.split("/");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || owner === OWNER) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
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
