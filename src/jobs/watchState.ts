// What the state watch keeps between runs, per hosting: the last state seen, the day's
// volume, the open alert and spike (with their offer buttons), the usual rate.
import * as z from "zod";
import { MAIL_STATES } from "../hosting/port.ts";

const mailState = z.enum([...MAIL_STATES, "unknown"]);

const buttonSchema = z.object({
  id: z.string(),
  /** Kept before buttons carried their role: every stored one is an alert's offer. */
  role: z.enum(["confirm", "cancel", "offer"]).default("offer"),
  label: z.string(),
  style: z.enum(["primary", "danger", "default"]),
  confirm: z.object({ title: z.string(), text: z.string(), confirm: z.string(), deny: z.string() }).optional(),
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
  burst: z.object({ sent: z.number(), minutes: z.number(), factor: z.number() }).optional(),
  stoppedAt: z.number().optional(),
  stoppedState: mailState.optional(),
});

const seenSchema = z.object({
  state: mailState,
  at: z.number(),
  sentToday: z.number(),
  /** UTC day of `sentToday`. */
  day: z.string(),
  alert: z.object({ key: z.string(), data: stateAlertSchema }).optional(),
  spike: z.object({ key: z.string(), data: spikeSchema, buttons: z.array(buttonSchema).optional() }).optional(),
  /** Usual mails per minute, from the volumes of the last complete days. */
  usual: z.object({ day: z.string(), perMinute: z.number() }).optional(),
});
export type Seen = z.infer<typeof seenSchema>;

export const watchStateSchema = z.object({
  hostings: z.record(z.string(), seenSchema),
  lastSweepAt: z.number().optional(),
});
export type WatchState = z.infer<typeof watchStateSchema>;
