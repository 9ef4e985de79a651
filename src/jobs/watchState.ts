// What the state watch keeps between runs, per hosting: the last state seen, the day's
// volume, the open alert and spike (with their offer buttons), the usual rate.
import * as z from "../zod.ts";
import { MAIL_STATES } from "../hosting/port.ts";

const mailState = z.enum([...MAIL_STATES, "unknown"]);

const buttonSchema = z.object({
  id: z.string(),
  /** Kept before buttons carried their role: every stored one is an alert's offer. */
  role: z._default(z.enum(["confirm", "cancel", "offer"]), "offer"),
  label: z.string(),
  style: z.enum(["primary", "danger", "default"]),
  confirm: z.optional(z.object({ title: z.string(), text: z.string(), confirm: z.string(), deny: z.string() })),
});

const stateAlertSchema = z.object({
  hosting: z.string(),
  state: z.enum(["spam", "bounce", "ko"]),
  seenAt: z.number(),
  holdEnd: z.number(),
  updates: z.array(z.object({ state: mailState, at: z.number() })),
});

const spikeSchema = z.object({
  hosting: z.string(),
  at: z.number(),
  sentToday: z.number(),
  maxPerDay: z.number(),
  burst: z.optional(z.object({ sent: z.number(), minutes: z.number(), factor: z.number() })),
  stoppedAt: z.optional(z.number()),
  stoppedState: z.optional(mailState),
});

const seenSchema = z.object({
  state: mailState,
  at: z.number(),
  sentToday: z.number(),
  /** UTC day of `sentToday`. */
  day: z.string(),
  alert: z.optional(z.object({ key: z.string(), data: stateAlertSchema })),
  spike: z.optional(z.object({ key: z.string(), data: spikeSchema, buttons: z.optional(z.array(buttonSchema)) })),
  /** Usual mails per minute, from the volumes of the last complete days. */
  usual: z.optional(z.object({ day: z.string(), perMinute: z.number() })),
});
export type Seen = z.infer<typeof seenSchema>;

export const watchStateSchema = z.object({
  hostings: z.record(z.string(), seenSchema),
  lastSweepAt: z.optional(z.number()),
});
export type WatchState = z.infer<typeof watchStateSchema>;
