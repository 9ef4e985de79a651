// The role the policy gives a person: read from their principals (person, everyone on the
// platform, their Slack user groups or Discord roles).
import type { Policy } from "../policy.ts";
import type { Actor, Role } from "./actor.ts";

function principalsOf(actor: Actor): string[] {
  const groupPrefix = actor.platform === "slack" ? "slack-group" : "discord-role";
  return [
    `${actor.platform}:${actor.id}`,
    `${actor.platform}:*`,
    ...actor.groups.map((group) => `${groupPrefix}:${group}`),
  ];
}

/** The highest role the policy gives this actor. The local terminal user is always admin. */
export function roleOf(policy: Policy, actor: Actor): Role {
  if (actor.platform === "console") return "admin";
  const mine = new Set(principalsOf(actor));
  for (const role of ["admin", "operator", "viewer"] as const) {
    if ((policy.roles[role] ?? []).some((p) => mine.has(p))) return role;
  }
  return "viewer";
}
