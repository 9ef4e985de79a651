// The answers of the API routes we use, checked before they reach the engine.
import { z } from "zod";
import { MAIL_STATES } from "../port.ts";

export const hostingNames = z.array(z.string());

export const emailInfo = z.object({
  state: z.enum(MAIL_STATES),
  sentToday: z.number(),
  maxPerDay: z.number(),
  sent: z.number(),
  bounce: z.number(),
  email: z.string().nullable().optional(),
});

export const bounceList = z.array(z.object({ date: z.string(), to: z.string(), message: z.string() }));

export const volumeList = z.array(z.object({ date: z.string(), volume: z.number() }));
