// The answers of the API routes we use, checked against the published model (DOMAIN.md)
// before they reach the engine: nullable fields accepted, fields we do not use ignored, a
// state the model does not list kept as the provider's own word.
import * as z from "../../zod.ts";
import { isProviderDate } from "../providerDate.ts";

export const hostingNames = z.array(z.string());

const count = z.number();
const providerDate = z.string().check(z.refine(isProviderDate, "an ISO 8601 date-time or day"));

/** `hosting.web.email`: every field but `email` is read-only and never null. */
export const emailInfo = z.object({
  state: z.string(),
  sentToday: count,
  maxPerDay: count,
  sent: count,
  bounce: count,
  email: z.optional(z.nullable(z.string())),
});

/** `hosting.web.mail.Bounce[]`. */
export const bounceList = z.array(
  z.object({ date: providerDate, to: z.optional(z.nullable(z.string())), message: z.optional(z.nullable(z.string())) }),
);

/** `hosting.web.mail.VolumeHistory[]`. */
export const volumeList = z.array(z.object({ date: providerDate, volume: z.optional(z.nullable(count)) }));
