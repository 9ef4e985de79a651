// One request's view: who asks, in which language, with which role.
import { type Language, type Translate, translator } from "../i18n/index.ts";
import { formatDateTime, formatDuration, formatNumber } from "../i18n/format.ts";
import type { AuditRecord } from "../store/schema.ts";
import type { Actor, Place, Role } from "./actor.ts";
import type { HostingDirectory } from "./hostings.ts";
import type { Services } from "./services.ts";

export interface Context {
  services: Services;
  hostings: HostingDirectory;
  actor: Actor;
  place: Place;
  language: Language;
  role: Role;
  t: Translate;
  /** Formats in the user's language and the configured time zone. */
  dateTime(ms: number): string;
  duration(ms: number): string;
  number(value: number): string;
}

export function makeContext(
  services: Services,
  hostings: HostingDirectory,
  actor: Actor,
  place: Place,
  language: Language,
  role: Role,
): Context {
  const zone = services.settings.timeZone;
  return {
    services,
    hostings,
    actor,
    place,
    language,
    role,
    t: translator(language),
    dateTime: (ms) => formatDateTime(language, zone, ms),
    duration: (ms) => formatDuration(language, ms),
    number: (value) => formatNumber(language, value),
  };
}

/** Records what this request's person did, on this platform and channel. */
export function auditAs(
  ctx: Context,
  entry: Pick<AuditRecord, "event" | "command" | "outcome" | "hosting" | "reference" | "reason">,
): Promise<void> {
  return ctx.services.store.audit.append({
    at: ctx.services.clock.now(),
    platform: ctx.actor.platform,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    channel: ctx.place.channel,
    ...entry,
  });
}
