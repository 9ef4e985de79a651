// The sandbox's whole state: what is persisted to the state file, validated on load.
// The zod schemas are the single source of the types.
import * as z from "zod";
import { MAIL_STATES } from "../port.ts";

export const STATE_VERSION = 1;

const timestamp = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

export const trafficProfileSchema = z.object({
  /** Average mails per day sent by the site's scripts. */
  dailyMails: z.number().nonnegative(),
  /** Share of mails that come back in error, 0..1. */
  errorRate: z.number().min(0).max(1),
  /** A newsletter sent on some weekdays, spread over one hour from `hourUtc`. */
  newsletter: z
    .object({
      weekdays: z.array(z.number().int().min(0).max(6)),
      hourUtc: z.number().int().min(0).max(23),
      size: count,
    })
    .optional(),
});

const bounceSchema = z.object({ date: z.string(), to: z.string(), message: z.string() });
const volumeSchema = z.object({ date: z.string(), volume: count });

/** A per-minute bucket of mail held while sending is stopped. */
const heldSchema = z.object({ at: timestamp, count: count });

/** A per-minute bucket of recent traffic, for the burst and error-ratio rules. */
const recentSchema = z.object({ at: timestamp, sent: count, errors: count });

/** A transition that completes later: an UNBLOCK (release) or a PURGE. */
const pendingSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("release"),
    to: z.enum(["ok", "force"]),
    at: timestamp,
    task: z.string(),
  }),
  z.object({ kind: z.literal("purge"), at: timestamp, task: z.string() }),
]);

export const hostingRecordSchema = z.object({
  name: z.string().min(1),
  profile: trafficProfileSchema,
  state: z.enum(MAIL_STATES),
  maxPerDay: count,
  sent: count,
  bounce: count,
  sentToday: count,
  /** UTC day ("YYYY-MM-DD") that `sentToday` counts. */
  day: z.string(),
  reportRecipient: z.string(),
  held: z.array(heldSchema),
  recent: z.array(recentSchema),
  /** Oldest first; the newest MAX_ERRORS are kept. */
  errors: z.array(bounceSchema),
  /** Oldest first, one per UTC day; the newest VOLUME_DAYS are kept. */
  volumes: z.array(volumeSchema),
  pending: pendingSchema.nullable(),
});

export const sandboxStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  /** PRNG state (mulberry32), so a reopened sandbox continues the same sequence. */
  rngState: z.number().int(),
  /** The simulation has run up to this instant (a minute boundary). */
  simulatedUntil: timestamp,
  /** The OffsetClock's offset when saved (null for other clocks); open() restores it. */
  clockOffset: z.number().nullable(),
  nextTask: z.number().int().positive(),
  hostings: z.array(hostingRecordSchema),
});

export type TrafficProfile = z.infer<typeof trafficProfileSchema>;
export type HostingRecord = z.infer<typeof hostingRecordSchema>;
export type PendingTransition = z.infer<typeof pendingSchema>;
export type SandboxState = z.infer<typeof sandboxStateSchema>;

export const MAX_ERRORS = 2000;
export const VOLUME_DAYS = 90;
