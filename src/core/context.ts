// One request's view: who asks, in which language, with which role.
import type { Language } from "../i18n/index.ts";
import { type Voice, voiceOf } from "../i18n/voice.ts";
import type { AuditRecord } from "../store/schema.ts";
import type { Actor, Place, Role } from "./actor.ts";
import type { HostingDirectory } from "./hostings.ts";
import type { Services } from "./services.ts";

/** One request's view; it speaks with the asker's voice (language, configured time zone). */
export interface Context extends Voice {
  services: Services;
  hostings: HostingDirectory;
  actor: Actor;
  place: Place;
  role: Role;
}

export function makeContext(
  services: Services,
  hostings: HostingDirectory,
  actor: Actor,
  place: Place,
  language: Language,
  role: Role,
): Context {
  return { ...voiceOf(language, services.settings.timeZone), services, hostings, actor, place, role };
}

/** Records what this request's person did, on this platform and channel. */
type AuditEntry = Pick<AuditRecord, "event" | "command" | "outcome" | "hosting" | "reference" | "reason" | "confirmation">;

/** The audit record of `entry`, by the context's person, in its place, now. */
export function auditRecord(ctx: Context, entry: AuditEntry): AuditRecord {
  return {
    at: ctx.services.clock.now(),
    platform: ctx.actor.platform,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    channel: ctx.place.channel,
    ...entry,
  };
}

export function auditAs(ctx: Context, entry: AuditEntry): Promise<void> {
  return ctx.services.store.audit.append(auditRecord(ctx, entry));
}
