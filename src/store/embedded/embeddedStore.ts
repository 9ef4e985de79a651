// The embedded store: lowdb for small current state, JSONL for the audit trail and the
// collected errors, all in one data folder. Every change runs under the folder's inter-process
// lock, re-reads what another process changed, and is synced before it returns, so several
// processes (a running bot, one-shot commands, cron jobs) share one folder safely. A read of the
// document takes no lock: the document is only ever replaced whole (a rename), so a read shows
// one version or the next.
import { randomText } from "../../random.ts";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type * as z from "../../zod.ts";
import type { Retention } from "../retention.ts";
import type {
  ClaimRequest,
  ClaimResult,
  Lease,
  NewConfirmation,
  PostClaim,
  StorePort,
} from "../port.ts";
import {
  type AuditRecord,
  type CollectedError,
  collectedErrorKey,
  type Confirmation,
  followKey,
  type StoreDocument,
  storeSchemas,
} from "../schema.ts";
import { AuditTrail } from "./auditTrail.ts";
import { DocumentFile } from "./documentFile.ts";
import { pruneDecided } from "./pruneDecided.ts";
import { type FolderLock, folderLock, type LockOptions } from "./folderLock.ts";
import { JsonlFile } from "./jsonlFile.ts";
import { RecentKeys } from "./recentKeys.ts";

export interface EmbeddedOptions {
  /** The lowdb file; the JSONL files and the lock sit beside it. */
  dataFile: string;
  audit: Retention;
  lock?: LockOptions;
}

/** Decided confirmations are kept this long so late clicks learn who decided. */
export const KEEP_DECIDED_MS = 7 * 24 * 3_600_000;

/** The status an ending audit record stands for. */
const ENDED_AS: Partial<Record<AuditRecord["event"], "done" | "failed" | "unknown">> = {
  executed: "done",
  failed: "failed",
  unknown: "unknown",
};

export class EmbeddedStore implements StorePort {
  readonly kind = "embedded";
  private readonly doc: DocumentFile;
  private readonly errorLog: JsonlFile<CollectedError>;
  private readonly lock: FolderLock;
  readonly audit: AuditTrail;

  private constructor(options: EmbeddedOptions) {
    const folder = dirname(options.dataFile);
    this.doc = new DocumentFile(options.dataFile);
    this.errorLog = new JsonlFile(join(folder, "errors.jsonl"), () => storeSchemas().collectedErrorSchema);
    this.lock = folderLock(folder, options.lock);
    this.audit = new AuditTrail(join(folder, "audit.jsonl"), this.lock, options.audit);
  }

  /** Opens the folder and checks the data file (a bad one stops start-up); writes nothing. */
  static async open(options: EmbeddedOptions): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(options);
    await store.doc.current();
    await mkdir(dirname(options.dataFile), { recursive: true });
    return store;
  }

  /** Settles once this process's operations have. */
  async close(): Promise<void> {
    await this.audit.close();
    await this.lock.idle();
  }

  /** One operation on the document: read fresh, change, write if changed. */
  private update<T>(change: (doc: StoreDocument) => { result: T; changed: boolean }): Promise<T> {
    return this.withDocument(async (doc) => {
      const { result, changed } = change(doc);
      if (changed) await this.doc.write();
      return result;
    });
  }

  /**
   * `work` on the document, under the lock. If it fails, the document in memory (which it may
   * have changed before failing) is forgotten: nothing the file does not hold is ever trusted.
   */
  private withDocument<T>(work: (doc: StoreDocument) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const doc = await this.doc.current();
      try {
        return await work(doc);
      } catch (error) {
        this.doc.forget();
        throw error;
      }
    });
  }

  private read<T>(look: (doc: StoreDocument) => T): Promise<T> {
    return this.lock.read(async () => structuredClone(look(await this.doc.current())));
  }

  readonly confirmations = {
    create: async (fields: NewConfirmation): Promise<Confirmation> => {
      // Checked before it is written: one bad field would make the whole file refused at the next open.
      const confirmation = storeSchemas().confirmationSchema.parse({ ...fields, token: randomText(16, "base64url"), status: "pending" });
      return this.update((doc) => {
        const all = doc.confirmations;
        if (fields.requester) {
          for (const [token, c] of Object.entries(all)) {
            const same = c.requester?.platform === fields.requester.platform && c.requester?.id === fields.requester.id;
            if (c.status === "pending" && same && c.channel === fields.channel && c.mutation === fields.mutation && c.hosting === fields.hosting) delete all[token];
          }
        }
        pruneDecided(doc, fields.createdAt - KEEP_DECIDED_MS);
        all[confirmation.token] = confirmation;
        return { result: structuredClone(confirmation), changed: true };
      });
    },

    get: (token: string) => this.read((doc) => doc.confirmations[token]),

    claim: (token: string, request: ClaimRequest): Promise<ClaimResult> =>
      this.update<ClaimResult>((doc) => {
        const c = doc.confirmations[token];
        if (!c) return { result: { kind: "unknown" }, changed: false };
        if (c.status !== "pending") return { result: { kind: "decided", confirmation: structuredClone(c) }, changed: false };
        if (request.at > c.expiresAt) {
          c.status = "expired";
          c.decidedAt = request.at;
          return { result: { kind: "expired", confirmation: structuredClone(c) }, changed: true };
        }
        c.status = request.to;
        c.decidedBy = request.by;
        c.decidedAt = request.at;
        c.decidedIn = request.place;
        if (request.to === "executing" && request.executor) c.executor = request.executor;
        return { result: { kind: "claimed", confirmation: structuredClone(c) }, changed: true };
      }),

    expire: (token: string, at: number) =>
      this.update((doc) => {
        const c = doc.confirmations[token];
        if (c?.status !== "pending") return { result: false, changed: false };
        c.status = "expired";
        c.decidedAt = at;
        return { result: true, changed: true };
      }),

    finish: (token: string, status: "done" | "failed" | "unknown", audit: Omit<AuditRecord, "at">, at: number) =>
      this.withDocument(async (doc) => {
        const c = doc.confirmations[token];
        if (c?.status !== "executing") return undefined;
        // The audit line first, so that no effect goes unrecorded. A finish interrupted between
        // the two (a kill, a failed write) left its line: the next one settles the status from
        // that line and writes no second record. The action's newest record is that line or
        // the "confirmed" one of its claim, read back from the end of the audit: normally
        // within its last lines.
        const newest = await this.audit.newestHeld((r) => r.confirmation === token);
        const endedAs = newest ? ENDED_AS[newest.event] : undefined;
        if (!endedAs) await this.audit.appendHeld([{ at, ...audit, confirmation: token }]);
        c.status = endedAs ?? status;
        await this.doc.write();
        return c.status;
      }),

    executing: () => this.read((doc) => Object.values(doc.confirmations).filter((c) => c.status === "executing")),

    all: () => this.read((doc) => Object.values(doc.confirmations)),

    prune: (before: number) =>
      this.update((doc) => {
        const count = pruneDecided(doc, before);
        return { result: count, changed: count > 0 };
      }),
  };

  readonly holds = {
    all: () => this.read((doc) => doc.holds),
    get: (hosting: string) => this.read((doc) => doc.holds[hosting]),
    record: (hosting: string, hold: { since: number; exact: boolean }) =>
      this.update((doc) => {
        doc.holds[hosting] = hold;
        return { result: undefined, changed: true };
      }),
    observe: async (hosting: string, stopped: boolean, now: number) => {
      // Usually nothing changes (a hold seen again, no hold on a sending hosting): a read says so.
      const seen = await this.read((doc) => doc.holds[hosting]);
      if (stopped && seen) return seen;
      if (!stopped && !seen) return undefined;
      return this.update((doc) => {
        const kept = doc.holds[hosting];
        if (!stopped) {
          if (kept) delete doc.holds[hosting];
          return { result: undefined, changed: kept !== undefined };
        }
        if (kept) return { result: structuredClone(kept), changed: false };
        const hold = { since: now, exact: false };
        doc.holds[hosting] = hold;
        return { result: structuredClone(hold), changed: true };
      });
    },
  };

  readonly follows = {
    all: () => this.read((doc) => Object.values(doc.follows)),
    add: (follow: StoreDocument["follows"][string]) =>
      this.update((doc) => {
        doc.follows[followKey(follow)] = follow;
        return { result: undefined, changed: true };
      }),
    remove: (key: string) =>
      this.update((doc) => {
        const had = key in doc.follows;
        delete doc.follows[key];
        return { result: had, changed: had };
      }),
  };

  readonly jobs = {
    read: <S extends z.ZodMiniType>(job: string, schema: S, initial: () => z.infer<S>): Promise<z.infer<S>> =>
      this.read((doc) => {
        const parsed = schema.safeParse(doc.jobs[job]);
        return parsed.success ? parsed.data : initial();
      }),
    write: <S extends z.ZodMiniType>(job: string, schema: S, value: z.infer<S>) =>
      this.update((doc) => {
        doc.jobs[job] = schema.parse(value);
        return { result: undefined, changed: true };
      }),
  };

  readonly posts = {
    get: (key: string) => this.read((doc) => doc.posts[key]),
    claim: (key: string, at: number): Promise<PostClaim> =>
      this.update<PostClaim>((doc) => {
        const entry = doc.posts[key];
        if (entry && (entry.status === "sent" || entry.status === "skipped")) {
          return { result: { kind: "done", entry: structuredClone(entry) }, changed: false };
        }
        doc.posts[key] = { status: "sending", at, refs: [] };
        return { result: { kind: "claimed" }, changed: true };
      }),
    markSent: (key: string, refs: StoreDocument["posts"][string]["refs"], at: number) =>
      this.update((doc) => {
        doc.posts[key] = { status: "sent", at, refs };
        return { result: undefined, changed: true };
      }),
    markFailed: (key: string, at: number) =>
      this.update((doc) => {
        const entry = doc.posts[key];
        if (entry?.status === "sent" || entry?.status === "skipped") return { result: undefined, changed: false };
        doc.posts[key] = { status: "failed", at, refs: [] };
        return { result: undefined, changed: true };
      }),
    skip: (key: string, at: number) =>
      this.update((doc) => {
        const entry = doc.posts[key];
        if (entry?.status === "sent" || entry?.status === "skipped") return { result: false, changed: false };
        doc.posts[key] = { status: "skipped", at, refs: [] };
        return { result: true, changed: true };
      }),
    prune: (before: number) =>
      this.update((doc) => {
        let count = 0;
        for (const [key, entry] of Object.entries(doc.posts)) {
          if (entry.at < before) {
            delete doc.posts[key];
            count += 1;
          }
        }
        return { result: count, changed: count > 0 };
      }),
  };

  readonly errors = {
    appendMany: (errors: readonly CollectedError[]) =>
      this.lock.run(async () => {
        await this.errorLog.append(errors);
      }),
    between: (from: number, to: number, hostings?: ReadonlySet<string>) =>
      this.lock.run(async () => {
        const seen = new Set<string>();
        return (await this.errorLog.readAll()).filter((e) => {
          if (e.at < from || e.at >= to || (hostings && !hostings.has(e.hosting))) return false;
          const key = collectedErrorKey(e);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      }),
    scan: (
      from: number,
      to: number,
      hostings: ReadonlySet<string> | undefined,
      visit: (error: CollectedError) => void,
    ) =>
      this.lock.run(async () => {
        const recent = new RecentKeys();
        await this.errorLog.each((e) => {
          if (e.at < from || e.at >= to || (hostings && !hostings.has(e.hosting))) return;
          if (recent.firstTime(e.hosting, collectedErrorKey(e))) visit(e);
        });
      }),
    prune: (before: number) =>
      this.lock.run(async () => {
        const first = await this.errorLog.first();
        if (!first || first.at >= before) return 0;
        const all = await this.errorLog.readAll();
        const kept = all.filter((e) => e.at >= before);
        await this.errorLog.rewrite(kept);
        return all.length - kept.length;
      }),
  };

  readonly dedupe = {
    claim: (key: string, now: number, ttlMs: number) =>
      this.update((doc) => {
        for (const [k, d] of Object.entries(doc.dedupe)) if (d.expiresAt <= now) delete doc.dedupe[k];
        const live = doc.dedupe[key];
        if (live) return { result: false, changed: true };
        doc.dedupe[key] = { expiresAt: now + ttlMs };
        return { result: true, changed: true };
      }),
  };

  /** One folder, one process at a time per operation: the lease is always granted. */
  readonly lease = {
    acquire: async (holder: string, ttlMs: number): Promise<Lease> => ({ holder, term: 1, expiresAt: Date.now() + ttlMs }),
    renew: async (lease: Lease, ttlMs: number): Promise<Lease> => ({ ...lease, expiresAt: Date.now() + ttlMs }),
    release: async (_lease: Lease): Promise<void> => undefined,
  };
}
