// The embedded store's audit trail: a JSONL file in the data folder, appended under the
// folder's lock and synced, its count bound checked from the file's size. Records appended
// while a write waits for the lock join it (one write and one sync for a burst), and records
// of readings appended "later" wait up to AUDIT_LATER_MS for the next write.
import type { Retention } from "../retention.ts";
import type { AuditOps } from "../port.ts";
import { type AuditRecord, storeSchemas } from "../schema.ts";
import type { FolderLock } from "./folderLock.ts";
import { JsonlFile } from "./jsonlFile.ts";

/** A record appended "later" is written within this long (or with the next write before it). */
const AUDIT_LATER_MS = 50;

export class AuditTrail implements AuditOps {
  private readonly log: JsonlFile<AuditRecord>;
  /** Records waiting for the write queued for them. */
  private waiting: AuditRecord[] = [];
  private queued: Promise<void> | undefined;
  /** Records of readings appended "later", for the next write. */
  private later: AuditRecord[] = [];
  private laterTimer: NodeJS.Timeout | undefined;
  /** Below this size the file is not checked against its count bound. */
  private quietBelow = 0;

  constructor(
    file: string,
    private readonly lock: FolderLock,
    private readonly retention: Retention,
  ) {
    this.log = new JsonlFile(file, () => storeSchemas().auditRecordSchema);
  }

  append(record: AuditRecord): Promise<void> {
    // Each caller is answered only once its record is synced.
    this.waiting.push(record);
    return this.write();
  }

  appendLater(record: AuditRecord): void {
    this.later.push(record);
    this.laterTimer ??= setTimeout(() => {
      this.laterTimer = undefined;
      // A refused write keeps them for the next one.
      if (this.later.length > 0) this.write().catch(() => undefined);
    }, AUDIT_LATER_MS);
  }

  recent(limit: number, hosting?: string): Promise<AuditRecord[]> {
    return this.lock.run(async () => {
      await this.appendHeld([]);
      return this.log.newest(limit, (r) => hosting === undefined || r.hosting === hosting);
    });
  }

  prune(now: number): Promise<number> {
    return this.lock.run(() => this.pruneHeld(now, true));
  }

  /** Writes the records appended later (the store is closing). */
  async close(): Promise<void> {
    clearTimeout(this.laterTimer);
    this.laterTimer = undefined;
    if (this.later.length > 0) await this.lock.run(() => this.appendHeld([]));
  }

  /** Inside the lock: the newest record that `matches`, read from the end. */
  newestHeld(matches: (record: AuditRecord) => boolean): Promise<AuditRecord | undefined> {
    return this.log.newest(1, matches).then(([newest]) => newest);
  }

  /**
   * Inside the lock: appends `own` after the records appended later (as old or older). The
   * count bound is checked from the file's size, never by reading it all.
   */
  async appendHeld(own: AuditRecord[]): Promise<void> {
    const later = this.later.splice(0);
    const records = [...later, ...own];
    if (records.length === 0) return;
    let size: number;
    let lineBytes: number;
    try {
      ({ size, lineBytes } = await this.log.append(records));
    } catch (error) {
      this.later.unshift(...later);
      throw error;
    }
    if (size <= this.quietBelow || size / lineBytes <= this.retention.maxRecords * 1.1) return;
    await this.pruneHeld(records[0]?.at ?? 0, false);
    // Not checked again before the file has grown by a tenth: the estimate from one line's size
    // can be high, and a prune to the bound must not repeat on every append (flat cost).
    this.quietBelow = (await this.log.size()) * 1.1;
  }

  /** Queues a write of the records waiting (and those appended later), or joins the one queued. */
  private write(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.lock.run(async () => {
      const records = this.waiting;
      this.waiting = [];
      this.queued = undefined;
      await this.appendHeld(records);
    });
    this.queued = write;
    // The lock refused (busy too long): the records waiting were refused with it.
    write.catch(() => {
      if (this.queued !== write) return;
      this.queued = undefined;
      this.waiting = [];
    });
    return write;
  }

  /** Inside the lock: drops records past the count bound (and the age bound when `byAge`). */
  private async pruneHeld(now: number, byAge: boolean): Promise<number> {
    const { maxRecords, maxAgeMs } = this.retention;
    const oldest = byAge ? now - maxAgeMs : Number.NEGATIVE_INFINITY;
    if (byAge) {
      const first = await this.log.first();
      if (!first) return 0;
      const size = await this.log.size();
      const lineBytes = Buffer.byteLength(JSON.stringify(first)) + 1;
      if (first.at >= oldest && size / lineBytes <= maxRecords * 1.1) return 0;
    }
    const all = await this.log.readAll();
    const kept = all.filter((r) => r.at >= oldest).slice(-maxRecords);
    if (kept.length === all.length) return 0;
    await this.log.rewrite(kept);
    return all.length - kept.length;
  }
}
