// The lowdb document: small, current state only. Append-only history (audit, collected
// errors) lives in JSONL files beside it (DESIGN.md: lowdb rewrites the whole file).
import { z } from "zod";
import { LANGUAGES } from "../i18n/index.ts";

export const STORE_VERSION = 1;

const person = z.object({ platform: z.string(), id: z.string(), name: z.string() });
export type Person = z.infer<typeof person>;

export const MUTATIONS = ["block", "purge", "unblock", "recipient"] as const;
export type MutationName = (typeof MUTATIONS)[number];

const confirmation = z.object({
  token: z.string(),
  /** confirm: the click executes; offer: the click opens a confirmation for the clicker. */
  kind: z.enum(["confirm", "offer"]),
  mutation: z.enum(MUTATIONS),
  hosting: z.string(),
  args: z.object({ reason: z.string().optional(), email: z.string().optional() }),
  /** Who may decide: the requester (or an admin); null for an offer anyone allowed may take. */
  requester: person.nullable(),
  channel: z.string(),
  language: z.enum(LANGUAGES),
  createdAt: z.number(),
  expiresAt: z.number(),
  status: z.enum(["pending", "executing", "done", "failed", "cancelled", "expired"]),
  decidedBy: person.optional(),
  decidedAt: z.number().optional(),
});
export type Confirmation = z.infer<typeof confirmation>;

const messageRef = z.object({ platform: z.string(), channel: z.string(), id: z.string() });
export type MessageRef = z.infer<typeof messageRef>;

const follow = z.object({
  hosting: z.string(),
  mutation: z.enum(["purge", "unblock"]),
  by: person,
  startedAt: z.number(),
  fromState: z.string(),
  refs: z.array(messageRef),
});
export type Follow = z.infer<typeof follow>;

const hold = z.object({ since: z.number(), exact: z.boolean() });
export type Hold = z.infer<typeof hold>;

export const documentSchema = z.object({
  version: z.literal(STORE_VERSION),
  confirmations: z.record(z.string(), confirmation).default({}),
  holds: z.record(z.string(), hold).default({}),
  follows: z.record(z.string(), follow).default({}),
  /** Scheduled jobs' own state (cursors, idempotency keys), one entry per job. */
  jobs: z.record(z.string(), z.unknown()).default({}),
});
export type StoreDocument = z.infer<typeof documentSchema>;

export const emptyDocument = (): StoreDocument => documentSchema.parse({ version: STORE_VERSION });
