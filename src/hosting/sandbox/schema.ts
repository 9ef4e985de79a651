// The sandbox's whole state: what is persisted to the state file, validated on load.
// The zod schemas are the single source of the types.
import * as z from "../../zod.ts";
import { MAIL_STATES } from "../port.ts";

export const STATE_VERSION = 1;

const timestamp = z.number().check(z.int(), z.nonnegative());
const count = z.number().check(z.int(), z.nonnegative());

export const trafficProfileSchema = z.object({
  /** Average mails per day sent by the site's scripts. */
  dailyMails: z.number().check(z.nonnegative()),
  /** Share of mails that come back in error, 0..1. */
  errorRate: z.number().check(z.minimum(0), z.maximum(1)),
  /** A newsletter sent on some weekdays, spread over one hour from `hourUtc`. */
  newsletter: z.optional(
    z.object({
      weekdays: z.array(z.number().check(z.int(), z.minimum(0), z.maximum(6))),
      hourUtc: z.number().check(z.int(), z.minimum(0), z.maximum(23)),
      size: count,
    }),
  ),
});

/**
 * An array of many small rows (a hosting's kept errors, its days, its minutes), each field a text
 * or a count. The rows are checked with a plain loop: zod copying thousands of rows costs every
 * one-shot command about 10 ms. Rows the loop does not accept are checked by zod, whose issues name
 * the row and field (`hostings.2.errors.17.date`), so a damaged file gets the same answer.
 */
function rows<F extends Record<string, "text" | "count">>(fields: F) {
  const kinds = { text: z.string(), count };
  // Built the first time a row is found wrong.
  const build = () =>
    z.array(
      z.object(
        Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, kinds[kind]])) as {
          [K in keyof F]: (typeof kinds)[F[K]];
        },
      ),
    );
  let checked: ReturnType<typeof build> | undefined;
  const names = Object.entries(fields);
  const fits = (item: unknown): boolean => {
    if (typeof item !== "object" || item === null) return false;
    for (const [name, kind] of names) {
      const value = (item as Record<string, unknown>)[name];
      if (kind === "text" ? typeof value !== "string" : !(Number.isInteger(value) && (value as number) >= 0)) return false;
    }
    return true;
  };
  return z.custom<z.infer<ReturnType<typeof build>>>().check(
    z.superRefine((value, ctx) => {
      if (Array.isArray(value) && value.every(fits)) return;
      checked ??= build();
      for (const issue of checked.safeParse(value).error?.issues ?? []) ctx.addIssue({ ...issue });
    }),
  );
}

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
  name: z.string().check(z.minLength(1)),
  profile: trafficProfileSchema,
  state: z.enum(MAIL_STATES),
  maxPerDay: count,
  sent: count,
  bounce: count,
  sentToday: count,
  /** UTC day ("YYYY-MM-DD") that `sentToday` counts. */
  day: z.string(),
  reportRecipient: z.string(),
  /** Per-minute buckets of mail held while sending is stopped (`at`: a timestamp). */
  held: rows({ at: "count", count: "count" }),
  /** Per-minute buckets of recent traffic, for the burst and error-ratio rules. */
  recent: rows({ at: "count", sent: "count", errors: "count" }),
  /** Oldest first; the newest MAX_ERRORS are kept. */
  errors: rows({ date: "text", to: "text", message: "text" }),
  /** Oldest first, one per UTC day; the newest VOLUME_DAYS are kept. */
  volumes: rows({ date: "text", volume: "count" }),
  pending: z.nullable(pendingSchema),
});

export const sandboxStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  /** PRNG state (mulberry32), so a reopened sandbox continues the same sequence. */
  rngState: z.number().check(z.int()),
  /** The simulation has run up to this instant (a minute boundary). */
  simulatedUntil: timestamp,
  /** The OffsetClock's offset when saved (null for other clocks); open() restores it. */
  clockOffset: z.nullable(z.number()),
  nextTask: z.number().check(z.int(), z.positive()),
  hostings: z.array(hostingRecordSchema),
});

export type TrafficProfile = z.infer<typeof trafficProfileSchema>;
export type HostingRecord = z.infer<typeof hostingRecordSchema>;
export type PendingTransition = z.infer<typeof pendingSchema>;
export type SandboxState = z.infer<typeof sandboxStateSchema>;

export const MAX_ERRORS = 2000;
export const VOLUME_DAYS = 90;
