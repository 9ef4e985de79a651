// What the store keeps, one zod schema per kept thing. The lowdb document holds small,
// current state; the audit trail and the collected errors are append-only JSONL beside it
// (DESIGN.md: lowdb rewrites the whole file). Every schema is an object, so a field can be
// added (optional, or with a default) without a new format.
import * as z from "../zod.ts";
import { LANGUAGES } from "../i18n/index.ts";

export const STORE_VERSION = 1;

export type Person = z.infer<Schemas["personSchema"]>;

export const MUTATIONS = ["block", "purge", "unblock", "recipient"] as const;
export type MutationName = (typeof MUTATIONS)[number];

export const CONFIRMATION_STATUSES = [
  "pending",
  /** Claimed and about to reach the provider (intent recorded before the effect). */
  "executing",
  "done",
  "failed",
  "cancelled",
  "expired",
  /** Interrupted while executing, and the state read back could not tell. */
  "unknown",
] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

export type Confirmation = z.infer<Schemas["confirmationSchema"]>;

export type MessageRef = z.infer<Schemas["messageRefSchema"]>;

export type Follow = z.infer<Schemas["followSchema"]>;
export const followKey = (f: Pick<Follow, "hosting" | "startedAt">): string => `${f.hosting}:${f.startedAt}`;

export type Hold = z.infer<Schemas["holdSchema"]>;

export type PostEntry = z.infer<Schemas["postEntrySchema"]>;

export const AUDIT_EVENTS = [
  "request",
  "confirmed",
  "cancelled",
  "executed",
  "failed",
  "denied",
  "expired",
  "completed",
  /** A reconciliation could not tell whether an interrupted action took effect. */
  "unknown",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export type AuditRecord = z.infer<Schemas["auditRecordSchema"]>;

export type CollectedError = z.infer<Schemas["collectedErrorSchema"]>;
/** Two collected errors with the same key are the same error (appending is idempotent). */
export const collectedErrorKey = (e: CollectedError): string => JSON.stringify([e.hosting, e.at, e.to, e.message]);

export type StoreDocument = z.infer<Schemas["documentSchema"]>;

/** The document of a folder that has none yet: documentSchema's defaults (a test checks they match). */
export const emptyDocument = (): StoreDocument => ({
  version: STORE_VERSION,
  confirmations: {},
  holds: {},
  follows: {},
  jobs: {},
  posts: {},
  dedupe: {},
});

/** Builds every schema of the store: done the first time one is needed (storeSchemas). */
function build() {
  const personSchema = z.object({ platform: z.string(), id: z.string(), name: z.string() });

  const confirmationSchema = z.object({
    token: z.string(),
    /** confirm: the click executes; offer: the click opens a confirmation for the clicker. */
    kind: z.enum(["confirm", "offer"]),
    mutation: z.enum(MUTATIONS),
    hosting: z.string(),
    args: z.object({ reason: z.optional(z.string()), email: z.optional(z.string()) }),
    /** Who may decide: the requester (or an admin); null for an offer anyone allowed may take. */
    requester: z.nullable(personSchema),
    channel: z.string(),
    language: z.enum(LANGUAGES),
    createdAt: z.number(),
    expiresAt: z.number(),
    status: z.enum(CONFIRMATION_STATUSES),
    decidedBy: z.optional(personSchema),
    decidedAt: z.optional(z.number()),
    /** Where the decision was taken (platform and channel), for the audit of a reconciliation. */
    decidedIn: z.optional(z.object({ platform: z.string(), channel: z.string() })),
    /** The process that claimed it for execution (`host/pid`): a reconciler skips live ones. */
    executor: z.optional(z.string()),
  });

  const messageRefSchema = z.object({ platform: z.string(), channel: z.string(), id: z.string() });

  const followSchema = z.object({
    hosting: z.string(),
    mutation: z.enum(["purge", "unblock"]),
    by: personSchema,
    startedAt: z.number(),
    fromState: z.string(),
    refs: z.array(messageRefSchema),
  });

  /** A hold: when it started; for a block the bot made, who confirmed it and why. */
  const holdSchema = z.object({
    since: z.number(),
    exact: z.boolean(),
    by: z.optional(personSchema),
    reason: z.optional(z.string()),
  });

  const postEntrySchema = z.object({
    status: z.enum(["sending", "sent", "skipped", "failed"]),
    at: z.number(),
    refs: z.array(messageRefSchema),
  });

  const dedupeSchema = z.object({ expiresAt: z.number() });

  const auditRecordSchema = z.object({
    at: z.number(),
    event: z.enum(AUDIT_EVENTS),
    platform: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    channel: z.string(),
    command: z.string(),
    hosting: z.optional(z.string()),
    outcome: z.string(),
    /** The provider's reference (task id, query id). */
    reference: z.optional(z.string()),
    /** Why, as the person gave it (a block's reason). */
    reason: z.optional(z.string()),
    /**
     * The confirmation an action's records belong to: its "confirmed" record, then the one record
     * that ends it (written by `finish`).
     */
    confirmation: z.optional(z.string()),
  });

  const collectedErrorSchema = z.object({
    /** When the error happened (the provider's date), ms. */
    at: z.number(),
    hosting: z.string(),
    to: z.string(),
    message: z.string(),
  });

  const documentSchema = z.object({
    version: z.literal(STORE_VERSION),
    confirmations: z._default(z.record(z.string(), confirmationSchema), {}),
    holds: z._default(z.record(z.string(), holdSchema), {}),
    follows: z._default(z.record(z.string(), followSchema), {}),
    /** Scheduled jobs' own state (cursors), one entry per job, each read through its job's schema. */
    jobs: z._default(z.record(z.string(), z.unknown()), {}),
    /** The post ledger: one entry per idempotency key of a channel post. */
    posts: z._default(z.record(z.string(), postEntrySchema), {}),
    /** Dedupe keys (a redelivered event), each with its lifetime. */
    dedupe: z._default(z.record(z.string(), dedupeSchema), {}),
  });
  return {
    personSchema,
    confirmationSchema,
    messageRefSchema,
    followSchema,
    holdSchema,
    postEntrySchema,
    auditRecordSchema,
    collectedErrorSchema,
    documentSchema,
  };
}

type Schemas = ReturnType<typeof build>;
let built: Schemas | undefined;

/**
 * The store's schemas, built on first use: a one-shot command on a folder without a data file
 * (a status of the sandbox) validates nothing with them, and building them costs a start ~7 ms.
 */
export const storeSchemas = (): Schemas => (built ??= build());
