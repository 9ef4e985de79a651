// The store port: a set of operations, never a document a caller mutates and saves. Each
// operation is atomic on its own (one statement in SQL, one locked read-modify-write in the
// embedded store), so the port can be served by several processes and by a shared database.
import type * as z from "../zod.ts";
import type {
  AuditRecord,
  CollectedError,
  Confirmation,
  ConfirmationStatus,
  Follow,
  Hold,
  MessageRef,
  Person,
  PostEntry,
} from "./schema.ts";

export type NewConfirmation = Omit<Confirmation, "token" | "status" | "decidedBy" | "decidedAt" | "decidedIn" | "executor">;

/** The answer to a click: who got there first decides (`UPDATE … WHERE status = 'pending' RETURNING`). */
export type ClaimResult =
  | { kind: "claimed"; confirmation: Confirmation }
  /** Someone (or something) decided before: `confirmation.decidedBy` says who. */
  | { kind: "decided"; confirmation: Confirmation }
  /** Past its expiry: now recorded as expired (by the first claim that found it so). */
  | { kind: "expired"; confirmation: Confirmation }
  | { kind: "unknown" };

/** How an execution ended. */
export type FinishedStatus = Extract<ConfirmationStatus, "done" | "failed" | "unknown">;

export interface ClaimRequest {
  /** What the click decides. */
  to: "executing" | "cancelled";
  by: Person;
  /** Where the click came from. */
  place: { platform: string; channel: string };
  at: number;
  /** The process that will carry it out (`host/pid`), for reconciliation after a crash. */
  executor?: string;
}

export interface ConfirmationOps {
  /**
   * Creates a pending confirmation. With a requester, a pending one by the same person in the
   * same channel for the same action on the same hosting is replaced (its button then answers
   * "not valid").
   */
  create(fields: NewConfirmation): Promise<Confirmation>;
  get(token: string): Promise<Confirmation | undefined>;
  /** Decides a pending, unexpired confirmation exactly once. */
  claim(token: string, request: ClaimRequest): Promise<ClaimResult>;
  /** Records an expired one as such (an offer clicked too late); false if already decided. */
  expire(token: string, at: number): Promise<boolean>;
  /**
   * Ends an execution (`executing` → `done` | `failed` | `unknown`) and appends its audit record
   * (`confirmation`: the token) in the same operation; returns the status it ended with.
   * Undefined (and nothing appended) if it was not executing any more: exactly one finisher
   * records it, and one record ends each confirmation (an ending record already written by an
   * interrupted finish settles the status instead, whatever `status` says).
   */
  finish(token: string, status: FinishedStatus, audit: Omit<AuditRecord, "at">, at: number): Promise<FinishedStatus | undefined>;
  /** Every confirmation left executing (for reconciliation). */
  executing(): Promise<Confirmation[]>;
  /** Every confirmation kept (diagnostics and tests). */
  all(): Promise<Confirmation[]>;
  /** Forgets confirmations decided (or expired) before `before`; returns how many. */
  prune(before: number): Promise<number>;
}

export interface HoldOps {
  all(): Promise<Record<string, Hold>>;
  get(hosting: string): Promise<Hold | undefined>;
  /** The bot stopped it now: an exact hold. */
  record(hosting: string, hold: Hold): Promise<void>;
  /**
   * A state was read: a stopped hosting keeps its hold (or gets one "at the latest" from
   * `now`), a sending one loses it. Returns the hold if stopped.
   */
  observe(hosting: string, stopped: boolean, now: number): Promise<Hold | undefined>;
}

export interface FollowOps {
  all(): Promise<Follow[]>;
  add(follow: Follow): Promise<void>;
  /** True for the one caller that removed it. */
  remove(key: string): Promise<boolean>;
}

/** One job's own state, read and written through that job's schema. */
export interface JobStateOps {
  /** The job's state; `initial` when none is kept (or when it no longer fits the schema). */
  read<S extends z.ZodMiniType>(job: string, schema: S, initial: () => z.infer<S>): Promise<z.infer<S>>;
  write<S extends z.ZodMiniType>(job: string, schema: S, value: z.infer<S>): Promise<void>;
}

export type PostClaim = { kind: "claimed" } | { kind: "done"; entry: PostEntry };

/** Idempotent channel posts (`INSERT … ON CONFLICT`). */
export interface PostLedgerOps {
  get(key: string): Promise<PostEntry | undefined>;
  /** Claims a key for sending unless it was sent or skipped (a "sending" or "failed" one is sent again). */
  claim(key: string, at: number): Promise<PostClaim>;
  markSent(key: string, refs: MessageRef[], at: number): Promise<void>;
  markFailed(key: string, at: number): Promise<void>;
  /** Records that a key will never be posted; false if it was sent already. */
  skip(key: string, at: number): Promise<boolean>;
  prune(before: number): Promise<number>;
}

export interface AuditOps {
  append(record: AuditRecord): Promise<void>;
  /**
   * The record of a mere reading (a status asked for), without waiting for it: written within a
   * moment, with or before the next record of this store, and before `recent` or `close` of this
   * store read or return. A kill may lose the last moment's; a burst of them costs one write.
   */
  appendLater(record: AuditRecord): void;
  /** Newest first, at most `limit`, for one hosting or all. */
  recent(limit: number, hosting?: string): Promise<AuditRecord[]>;
  /** Drops records past the retention (age and count); returns how many. */
  prune(now: number): Promise<number>;
}

export interface CollectedErrorOps {
  /** Appends; an error already kept (same hosting, date, address, message) is kept once. */
  appendMany(errors: readonly CollectedError[]): Promise<void>;
  /** Errors with `from <= at < to`, oldest first, for the given hostings (all when omitted). */
  between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]>;
  /**
   * The errors of `between`, oldest first, handed to `visit` one at a time as they are read,
   * so that a caller aggregating them (the report) never holds them all: its memory follows
   * what it keeps, not the number of errors.
   */
  scan(
    from: number,
    to: number,
    hostings: ReadonlySet<string> | undefined,
    visit: (error: CollectedError) => void,
  ): Promise<void>;
  prune(before: number): Promise<number>;
}

export interface DedupeOps {
  /** True for the first caller with this key while it lives. */
  claim(key: string, now: number, ttlMs: number): Promise<boolean>;
}

export interface Lease {
  holder: string;
  /** Grows with every new holder: a job write carries it (fencing). */
  term: number;
  expiresAt: number;
}

/** The leader's lease for the scheduled work. The embedded store always grants it. */
export interface LeaseOps {
  acquire(holder: string, ttlMs: number): Promise<Lease | undefined>;
  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined>;
  release(lease: Lease): Promise<void>;
}

export interface StorePort {
  readonly kind: "embedded" | "postgres";
  readonly confirmations: ConfirmationOps;
  readonly holds: HoldOps;
  readonly follows: FollowOps;
  readonly jobs: JobStateOps;
  readonly posts: PostLedgerOps;
  readonly audit: AuditOps;
  readonly errors: CollectedErrorOps;
  readonly dedupe: DedupeOps;
  readonly lease: LeaseOps;
  close(): Promise<void>;
}
