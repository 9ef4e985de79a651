// Who is asking and where: built by adapters from platform events.
import type { Language } from "../i18n/index.ts";

export type Platform = "console" | "slack" | "discord";
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  platform: Platform;
  /** The platform user id (Slack U…, Discord snowflake, local user name). */
  id: string;
  /** Display name for cards and audit. */
  name: string;
  /** Platform groups: Slack user group ids, Discord role ids. */
  groups: string[];
}

export interface Place {
  /** Channel id, or "dm" / "terminal". */
  channel: string;
  /** False in direct messages (Discord: no server context). */
  inTeamSpace: boolean;
}

export interface CommandRequest {
  actor: Actor;
  place: Place;
  language: Language;
  text: string;
}

/** A command whose arguments the platform already named (Discord's typed options). */
export interface InvocationRequest {
  actor: Actor;
  place: Place;
  language: Language;
  command: string;
  /** Values by argument name (`hosting`, `reason`, `email`, `duration`), as given. */
  values: Partial<Record<string, string>>;
}

export interface ActionRequest {
  actor: Actor;
  place: Place;
  language: Language;
  /** The clicked button's id. */
  buttonId: string;
}

export const roleRank = (role: Role): number => ROLES.indexOf(role);
export const hasRole = (have: Role, need: Role): boolean => roleRank(have) >= roleRank(need);

/** "slack:U0123": how policies and MAILBRAKE_ADMINS name a person. */
export const principalOf = (actor: Actor): string => `${actor.platform}:${actor.id}`;
